package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.activity.AnonymousRefusals;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RefusalsCounted;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.topics.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals that name no workspace and no person cost the audit trail one event per address, status and minute,
 * not one per call; and the request id a client sends is kept only when it is a short token of safe characters.
 */
class AnonymousAuditTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static final SettableClock clock = new SettableClock();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        gateway = harness.startGateway(Map.of("memorylayer.rate-limit.api-per-minute", "1000"), clock);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aFloodOfMadeUpKeysBecomesOneCountPerAddressAndMinute() throws Exception {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> refused = get("/v1/workspaces/no-such/memories", "mlk_" + String.format("%012x", i) + "_" + "Z".repeat(43), null);
            assertThat(refused.statusCode()).isEqualTo(401);
        }
        // Still within the minute: nothing is sent yet.
        gateway.context().getBean(AnonymousRefusals.class).sendFinishedMinutes();
        clock.advance(Duration.ofMinutes(1));
        gateway.context().getBean(AnonymousRefusals.class).sendFinishedMinutes();

        List<EventEnvelope> events = auditEvents(e -> e.data() instanceof RefusalsCounted);
        assertThat(events).hasSize(1);
        RefusalsCounted counted = (RefusalsCounted) events.get(0).data();
        assertThat(counted.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(counted.status()).isEqualTo(401);
        assertThat(counted.refusals()).isEqualTo(50);
        assertThat(counted.windowStart()).isEqualTo(minute);
        assertThat(auditEvents(e -> e.data() instanceof RequestAudited a && a.status() == 401)).isEmpty();
    }

    @Test
    void aSafeRequestIdIsKeptAndAnythingElseIsReplaced() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(Set.of(Scope.READ));
        String path = "/v1/workspaces/" + workspace.slug();

        HttpResponse<String> kept = get(path, workspace.token(), "trace-42:abc.DEF_1");
        String tooLong = "a".repeat(129);
        HttpResponse<String> replaced = get(path, workspace.token(), tooLong);
        HttpResponse<String> unsafe = get(path, workspace.token(), "<script>alert(1)</script>");

        assertThat(kept.headers().firstValue("X-Request-Id")).contains("trace-42:abc.DEF_1");
        for (HttpResponse<String> answer : List.of(replaced, unsafe)) {
            String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(UUID.fromString(id)).isNotNull();
        }
        List<String> audited = auditEvents(e -> workspace.workspace().id().equals(e.workspace())).stream()
                .map(e -> ((RequestAudited) e.data()).requestId()).toList();
        assertThat(audited).contains("trace-42:abc.DEF_1")
                .contains(replaced.headers().firstValue("X-Request-Id").orElseThrow(),
                        unsafe.headers().firstValue("X-Request-Id").orElseThrow())
                .noneMatch(id -> id.equals(tooLong) || id.contains("<"));
    }

    private static HttpResponse<String> get(String path, String key, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path)).header("X-API-Key", key);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The audit topic's events that match, read until a few quiet polls in a row. */
    private static List<EventEnvelope> auditEvents(Predicate<EventEnvelope> wanted) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "audit-test-" + UUID.randomUUID());
        List<EventEnvelope> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.AUDIT.topicName()));
            int quiet = 0;
            boolean seenAny = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (quiet < 3 && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(1000));
                if (records.isEmpty()) {
                    quiet = seenAny ? quiet + 1 : quiet;
                } else {
                    seenAny = true;
                    quiet = 0;
                }
                for (var record : records) {
                    EventEnvelope event = EventCodec.decode(record.value());
                    if (wanted.test(event)) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }
}
