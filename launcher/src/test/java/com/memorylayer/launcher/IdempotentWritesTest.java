package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.topics.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class IdempotentWritesTest {

    @Test
    void aRetriedRememberWithTheSameIdempotencyKeyStoresOneMemory() throws SQLException {
        TestWorkspace ws = TestPlatform.newWorkspace();
        String body = ApiClient.JSON.writeValueAsString(Map.of("content", "Invoice 1042 was paid on the 3rd"));
        Map<String, String> headers = Map.of("X-API-Key", ws.key(), "Idempotency-Key", "invoice-1042-paid");

        Response first = ws.api().post("/v1/workspaces/" + ws.slug() + "/memories", body, headers);
        Response retry = ws.api().post("/v1/workspaces/" + ws.slug() + "/memories", body, headers);

        assertThat(retry.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
        ws.api().recallContents("invoice", 5, ws.api().token(retry));
        String last = ws.api().token(ws.api().remember("a later memory"));
        ws.api().recallContents("x", 1, last);
        assertThat(memoryCount(ws)).isEqualTo(2);
    }

    @Test
    void anIdempotencyKeyIsTheCallersAndHeldToItsFirstBody() throws SQLException {
        TestWorkspace ws = TestPlatform.newWorkspace();
        String path = "/v1/workspaces/" + ws.slug() + "/memories";
        String body = ApiClient.JSON.writeValueAsString(Map.of("content", "Order 77 shipped"));
        Response first = ws.api().post(path, body, Map.of("X-API-Key", ws.key(), "Idempotency-Key", "order-77"));
        assertThat(first.status()).isEqualTo(202);

        // Another body under the same key: refused, not taken for a retry and dropped.
        Response reused = ws.api().post(path, ApiClient.JSON.writeValueAsString(Map.of("content", "Order 77 was lost")),
                Map.of("X-API-Key", ws.key(), "Idempotency-Key", "order-77"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");

        // Another key of the same workspace using the same Idempotency-Key makes a write of its own.
        String otherKey = TestPlatform.issueKey(ws, java.util.Set.of(com.memorylayer.gateway.access.Scope.WRITE,
                com.memorylayer.gateway.access.Scope.READ), null).token().value();
        // (Its body turns dedupe off, or the worker would merge the two identical memories into one.)
        Response other = ws.api().post(path, ApiClient.JSON.writeValueAsString(Map.of("content", "Order 77 shipped", "dedupe", false)),
                Map.of("X-API-Key", otherKey, "Idempotency-Key", "order-77"));
        assertThat(other.status()).isEqualTo(202);
        assertThat(other.body().path("id").asString()).isNotEqualTo(first.body().path("id").asString());
        ws.api().recallContents("order", 5, ws.api().token(other));
        ws.api().recallContents("order", 5, ws.api().token(first));
        assertThat(memoryCount(ws)).isEqualTo(2);
    }

    @Test
    void theSameCommandEventDeliveredTwiceIsAppliedOnce() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        UUID eventId = UUID.randomUUID();
        RememberMemory command = new RememberMemory(eventId, "Replayed events must not duplicate memories", "note",
                List.of(), Map.of(), 0.7, null, "api", Instant.now());
        byte[] event = EventCodec.encode(EventEnvelope.wrap(eventId, "/test", Instant.now(), ws.workspace().id(),
                ws.keyId(), eventId.toString(), command));

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestPlatform.get().kafka().bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Topic.MEMORY_COMMANDS.topicName(), ws.workspace().id().toString(), event)).get();
            }
        }
        // A write sent after both copies is applied after them: once it is visible, both copies were processed.
        String after = ws.api().token(ws.api().remember("sentinel written after the duplicates"));
        ws.api().recallContents("sentinel", 1, after);

        assertThat(memoryCount(ws)).isEqualTo(2);
        assertThat(ws.api().recallContents("replayed events duplicate memories", 10, null))
                .filteredOn(c -> c.startsWith("Replayed")).hasSize(1);
    }

    static int memoryCount(TestWorkspace ws) throws SQLException {
        try (Connection c = TestPlatform.get().postgres().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from " + ws.workspace().schema().value() + ".memories");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
