package com.memorylayer.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant T = Instant.parse("2026-11-25T10:15:30.123Z");

    @Test
    void aRememberEventSurvivesTheRoundTripExactly() {
        RememberMemory remember = new RememberMemory(UUID.randomUUID(), "Alice prefers dark mode", "preference",
                List.of("ui", "alice"), Map.of("source_app", "cli", "n", 3), 0.9, "s-1", "api", T);
        EventEnvelope envelope = EventEnvelope.wrap(UUID.randomUUID(), "/gateway", T, UUID.randomUUID(),
                UUID.randomUUID(), remember.memoryId().toString(), remember);

        EventEnvelope decoded = EventCodec.decode(EventCodec.encode(envelope));

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.dataAs(MemoryCommand.class)).isInstanceOf(RememberMemory.class);
    }

    @Test
    void theWireFormatUsesCloudEventsNamesInSnakeCase() {
        RequestAudited audited = new RequestAudited("POST /v1/workspaces/{slug}/recall", "POST", 200, 12, "r-1", "127.0.0.1", null, null);
        String json = new String(EventCodec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/gateway", T, null, null,
                null, audited)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"specversion\":\"1.0\"", "\"type\":\"memorylayer.audit.request\"",
                "\"version\":1", "\"key_id\":null", "\"time\":\"2026-11-25T10:15:30.123Z\"", "\"latency_ms\":12");
    }

    @Test
    void anUnknownEventTypeIsRejectedNotGuessed() {
        String json = """
                {"id":"%s","source":"/x","type":"memorylayer.memory.teleport","specversion":"1.0",
                 "time":"2026-11-25T10:15:30Z","version":1,"data":{}}""".formatted(UUID.randomUUID());

        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.UnknownEventException.class)
                .hasMessageContaining("memorylayer.memory.teleport");
    }

    @Test
    void garbageBytesAreAnUnknownEvent() {
        assertThatThrownBy(() -> EventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.UnknownEventException.class);
    }

    @Test
    void anEnvelopeWhoseTypeDisagreesWithItsPayloadCannotBeBuilt() {
        UsageRecorded usage = new UsageRecorded(1, 10, 20, 1, 0, 202);
        assertThatThrownBy(() -> new EventEnvelope(UUID.randomUUID(), "/g", "memorylayer.audit.request", "1.0", T, null,
                "application/json", null, null, 1, usage)).isInstanceOf(IllegalArgumentException.class);
    }
}
