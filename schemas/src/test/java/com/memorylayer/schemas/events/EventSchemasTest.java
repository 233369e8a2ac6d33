package com.memorylayer.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The checked-in JSON Schemas cover every event type this build emits, accept what the codec writes, and
 * catch drift. The platform test checks them again against what the running services really put on Kafka.
 */
class EventSchemasTest {

    private static final Instant T = Instant.parse("2026-11-25T10:15:30.123456Z");

    @Test
    void everyEventTypeTheCodecKnowsHasASchema() {
        assertThat(EventCodec.knownTypes()).isNotEmpty().allSatisfy(tv ->
                assertThat(EventSchemas.exists(tv.type(), tv.version())).as(tv.toString()).isTrue());
    }

    @Test
    void anEventOfEveryTypeMatchesItsSchema() {
        UUID workspace = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        UUID memory = UUID.randomUUID();
        List<EventEnvelope> events = List.of(
                EventEnvelope.wrap(memory, "/memorylayer/gateway", T, workspace, key, memory.toString(),
                        new RememberMemory(memory, "Alice prefers dark mode", "preference", List.of("ui"),
                                Map.of("app", "cli", "n", 3), 0.9, null, "api", T)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/ingest-worker", T, workspace, null, memory.toString(),
                        new MemoryStored(memory, memory, 7, true)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, null, null, null,
                        new RequestAudited("POST unmatched", "POST", 401, 3, null, "127.0.0.1", null, null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, null, null, null,
                        new RefusalsCounted("127.0.0.1", 401, T.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), 50)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, null,
                        new UsageRecorded(1, 120, 340, 1, 0, 202)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/ingest-worker", T, workspace, key, memory.toString(),
                        new MemoriesEmbedded(1, 12, "bge-small-en-v1.5/fp32")),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, memory.toString(),
                        new EditMemory(memory, "Alice prefers light mode", null, List.of("ui"), List.of(), null, null, 0.8,
                                MemoryLayer.SEMANTIC, MemoryType.FACT, true, null, 2, null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, null, memory.toString(),
                        new AnnotateMemory(memory, UUID.randomUUID(), "seen in the settings page", UUID.randomUUID())),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, memory.toString(),
                        new ChangeStatus(memory, MemoryStatus.MERGED, "same fact", UUID.randomUUID(), null, false, null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/ingest-worker", T, workspace, null, memory.toString(),
                        new EraseMemory(memory, "restore window ended", null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, null,
                        new BatchChange(List.of(), new MemorySelection(List.of("ui"), List.of(), null, "s-1", Map.of("n", 3),
                                null, T, Set.of(MemoryStatus.ACTIVE), Set.of(MemoryLayer.WORKING), Set.of(), false),
                                true, List.of(), List.of(), null, null, null, "tidy up", true, null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, null,
                        new DedupeMemories(0.92, 50, true, null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/ingest-worker", T, workspace, null, null,
                        new ConsolidateMemories(false, null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/query-service", T, workspace, null, null,
                        new MemoriesAccessed(List.of(new MemoriesAccessed.Access(memory, 2, T)))),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, memory.toString(),
                        new UpdateEntity(memory, List.of("Mel"), List.of("Melly"), "person", null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, null, memory.toString(),
                        new MergeEntities(memory, List.of(UUID.randomUUID()), UUID.randomUUID())),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, memory.toString(),
                        new LinkMemories(memory, UUID.randomUUID(), "follows_up", null)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, memory.toString(),
                        new WriteDiaryEntry(memory, "agent-1", "TODO: wire the retry", T, UUID.randomUUID())),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/query-service", T, workspace, null, null,
                        new SessionRecalls(List.of(new SessionRecalls.Recall("agent-1", "billing outage", 3, T)))),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/ingest-worker", T, workspace, null, memory.toString(),
                        new MemoryChanged(memory, UUID.randomUUID(), "status", "updated", 9)),
                EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T, workspace, key, memory.toString(),
                        new IngestItems(memory, "import", "notes.jsonl", "export", List.of(
                                new IngestItems.Item(0, new RememberMemory(UUID.randomUUID(), "Chunk one of the handbook", "note",
                                        List.of("handbook"), Map.of("chunk", Map.of("index", 0, "of", 2)), 0.7, null,
                                        "ingest:" + memory, T, MemoryLayer.SEMANTIC, MemoryType.FACT, false, true, null), null, null),
                                new IngestItems.Item(1, null, new ImportedMemory(UUID.randomUUID(), "Alice moved to Lisbon", "note",
                                        List.of(), Map.of(), 0.5, "s-1", MemoryLayer.EPISODIC, MemoryType.NARRATIVE, true, "api",
                                        MemoryStatus.FORGOTTEN, 2, null, null, T, T, T,
                                        List.of(new ImportedMemory.HistoryEntry(UUID.randomUUID(), "created", null, "active", null,
                                                null, Map.of(), key, null, T)),
                                        List.of(new ImportedMemory.Annotation(UUID.randomUUID(), "checked", null, UUID.randomUUID(), T))),
                                        null),
                                new IngestItems.Item(2, null, null, new IngestItems.Rejection("invalid_request", "'content' is required"))),
                                null)));

        assertThat(events.stream().map(EventEnvelope::type).distinct())
                .containsExactlyInAnyOrderElementsOf(EventCodec.knownTypes().stream().map(EventCodec.TypeVersion::type).toList());
        for (EventEnvelope event : events) {
            assertThat(EventSchemas.problems(EventCodec.encode(event))).as(event.type()).isEmpty();
            // And back: every payload decodes to what was encoded, enums and selections included.
            assertThat(EventCodec.decode(EventCodec.encode(event))).as(event.type()).isEqualTo(event);
        }
    }

    @Test
    void aRenamedFieldABadUuidAndAnUnknownTypeAreCaught() {
        String good = new String(EventCodec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T,
                UUID.randomUUID(), null, null, new UsageRecorded(1, 1, 2, 0, 1, 200))), StandardCharsets.UTF_8);

        assertThat(EventSchemas.problems(good.replace("\"bytes_out\"", "\"bytesOut\"").getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(EventSchemas.problems(good.replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"not-a-uuid\"")
                .getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(EventSchemas.problems(good.replace("memorylayer.usage.recorded", "memorylayer.usage.teleported")
                .getBytes(StandardCharsets.UTF_8))).containsExactly("no schema for type 'memorylayer.usage.teleported' version 1");
    }

    @Test
    void theTimeIsReadWithoutDecodingTheEvent() {
        byte[] json = EventCodec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", T,
                UUID.randomUUID(), null, null, new UsageRecorded(1, 1, 2, 0, 1, 200)));

        assertThat(EventCodec.timeOf(json)).isEqualTo(T);
        assertThat(EventCodec.timeOf("{\"data\":{\"time\":\"x\"},\"time\":7}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(EventCodec.timeOf("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
