package com.example.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoriesEmbedded;
import com.memorylayer.schemas.events.UsageRecorded;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example reads real platform events from a real broker and adds them up as the contract says. */
class UsageConsumerTest {

    @TempDir
    Path temp;

    @Test
    void talliesUsageEventsOncePerIdAndSkipsWhatItDoesNotKnow() {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(temp, FreePort.pick())) {
            TopicProvisioner.ensureTopics(kafka.bootstrapServers(), TopicSettings.defaults((short) 1));
            UUID workspace = UUID.randomUUID();
            Instant now = Instant.now();
            EventEnvelope call = EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", now, workspace, null, null,
                    new UsageRecorded(1, 100, 250, 1, 0, 202));
            EventEnvelope refused = EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", now, workspace, null, null,
                    new UsageRecorded(1, 10, 60, 0, 0, 429));
            EventEnvelope embedded = EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/ingest-worker", now, workspace,
                    null, null, new MemoriesEmbedded(1, 17, "bge-small-en-v1.5/fp32"));
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                for (EventEnvelope event : new EventEnvelope[] {call, refused, embedded, call}) {
                    producer.send(new ProducerRecord<>(UsageConsumer.TOPIC, workspace.toString(), EventCodec.encode(event)));
                }
                producer.send(new ProducerRecord<>(UsageConsumer.TOPIC, workspace.toString(),
                        "{\"type\":\"memorylayer.usage.teleported\",\"version\":1}".getBytes(StandardCharsets.UTF_8)));
            }

            UsageTally tally = new UsageTally();
            int read = 0;
            try (KafkaConsumer<String, byte[]> consumer = UsageConsumer.open(kafka.bootstrapServers(), "example-test")) {
                for (int polls = 0; polls < 30 && read < 5; polls++) {
                    read += UsageConsumer.poll(consumer, tally);
                }
            }

            assertThat(read).isEqualTo(5);
            UsageTally.Totals totals = tally.byWorkspace().get(workspace.toString());
            assertThat(totals.requests).isEqualTo(2);
            assertThat(totals.errors).isEqualTo(1);
            assertThat(totals.bytesIn).isEqualTo(110);
            assertThat(totals.bytesOut).isEqualTo(310);
            assertThat(totals.memoriesWritten).isEqualTo(1);
            assertThat(totals.embeddingTokens).isEqualTo(17);
            assertThat(tally.skipped()).isEqualTo(1);
        }
    }
}
