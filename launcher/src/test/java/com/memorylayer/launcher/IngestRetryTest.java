package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.topics.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Nothing accepted is lost while the database cannot take a write: a workspace's table is taken away for a few
 * seconds (long past Spring Kafka's default ten quick attempts), a remember is accepted meanwhile, and once the
 * table is back the memory is there.
 */
class IngestRetryTest {

    @Test
    void aBatchThatFailsIsRetriedUntilItApplies() throws Exception {
        TestPlatform.TestWorkspace ws = TestPlatform.newWorkspace();
        DSLContext dsl = DSL.using(TestPlatform.get().postgres().dataSource(), org.jooq.SQLDialect.POSTGRES);
        String schema = ws.workspace().schema().value();
        dsl.alterTable(DSL.table(DSL.name(schema, "memories"))).renameTo(DSL.name("memories_away")).execute();
        String token;
        try {
            token = ws.api().token(ws.api().remember("Accepted while the table was away"));
            Thread.sleep(3000);
        } finally {
            dsl.alterTable(DSL.table(DSL.name(schema, "memories_away"))).renameTo(DSL.name("memories")).execute();
        }
        assertThat(ws.api().recallContents("what was accepted?", 3, token)).contains("Accepted while the table was away");
    }

    /**
     * A command Postgres refuses however often it is tried (a NUL character, which the gateway refuses but a
     * producer of its own could send) is skipped alone; the write after it in the same batch is applied, and
     * ingest goes on.
     */
    @Test
    void aCommandPostgresRefusesIsSkippedAloneWithoutStoppingIngest() throws Exception {
        TestPlatform.TestWorkspace ws = TestPlatform.newWorkspace();
        EventEnvelope poison = remember(ws, "poisoned \u0000 value");
        EventEnvelope good = remember(ws, "Written right after a poisoned one");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestPlatform.get().kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 50), new StringSerializer(), new ByteArraySerializer())) {
            String key = ws.workspace().id().toString();
            var first = producer.send(new ProducerRecord<>(Topic.MEMORY_COMMANDS.topicName(), key, EventCodec.encode(poison)));
            var second = producer.send(new ProducerRecord<>(Topic.MEMORY_COMMANDS.topicName(), key, EventCodec.encode(good)));
            first.get();
            second.get();
        }
        assertThat(ws.api().recallContents("what was written?", 3, TestPlatform.tokenFor(ws, good.id())))
                .contains("Written right after a poisoned one");
        String next = ws.api().token(ws.api().remember("Ingest goes on"));
        assertThat(ws.api().recallContents("does ingest go on?", 3, next)).contains("Ingest goes on");
    }

    private static EventEnvelope remember(TestPlatform.TestWorkspace ws, String content) {
        UUID id = UUID.randomUUID();
        return EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), ws.workspace().id(), null, null,
                new RememberMemory(id, content, "note", List.of(), Map.of(), 0.5, null, "api", Instant.now()));
    }
}
