package com.memorylayer.bench.sink;

import com.memorylayer.audit.AuditSinkApplication;
import com.memorylayer.audit.topology.AuditStreams;
import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoriesEmbedded;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.events.UsageRecorded;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events per second the audit-sink materialises into Postgres, beside a plain kafka-clients consumer reading
 * (and decoding) the same records in the same run. Half the events are audit rows, half usage events spread
 * over 20 workspaces with 3 keys each and one hour of minute windows.
 */
public final class SinkBenchmark {

    /** Where the plain consumer leaves a sum of what it read, so the JIT cannot drop the decoding. */
    private static volatile long consumed;

    private SinkBenchmark() {
    }

    public static void run(int events) throws Exception {
        Path temp = Files.createTempDirectory("sink-bench");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(temp.resolve("kafka"), FreePort.pick());
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary()) {
            Migrations.migrateControlPlane(postgres.dataSource());
            TopicProvisioner.ensureTopics(kafka.bootstrapServers(), TopicSettings.defaults((short) 1));
            produce(kafka.bootstrapServers(), events);

            double plainRaw = plainConsumer(kafka.bootstrapServers(), events, false);
            double plainDecoded = plainConsumer(kafka.bootstrapServers(), events, true);

            long start = System.nanoTime();
            ConfigurableApplicationContext sink = AuditSinkApplication.builder().run(
                    "--management.server.port=0",
                    "--spring.datasource.url=" + postgres.jdbcUrl(),
                    "--spring.datasource.username=" + postgres.user(),
                    "--spring.datasource.password=" + postgres.password(),
                    "--memorylayer.audit-sink.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--memorylayer.audit-sink.state-directory=" + temp.resolve("streams"));
            AuditStreams streams = sink.getBean(AuditStreams.class);
            while (!streams.isConsuming()) {
                Thread.sleep(20);
            }
            long running = System.nanoTime();
            while (!streams.caughtUp()) {
                Thread.sleep(50);
            }
            long done = System.nanoTime();
            sink.close();
            double sinkRate = events / ((done - running) / 1e9);
            System.out.printf("events: %d (%d audit, %d usage)%n", events, events / 2, events - events / 2);
            System.out.printf("plain consumer, bytes only:     %,10.0f events/s%n", plainRaw);
            System.out.printf("plain consumer, decoded:        %,10.0f events/s%n", plainDecoded);
            System.out.printf("audit-sink into Postgres (EOS): %,10.0f events/s  (start to running %.1f s, excluded)%n",
                    sinkRate, (running - start) / 1e9);
            System.out.printf("ratio sink / plain decoded: %.2f; sink / plain bytes: %.2f%n", sinkRate / plainDecoded, sinkRate / plainRaw);
        }
    }

    private static void produce(String bootstrap, int events) {
        Random random = new Random(1);
        List<UUID> workspaces = new ArrayList<>();
        List<List<UUID>> keys = new ArrayList<>();
        for (int w = 0; w < 20; w++) {
            workspaces.add(UUID.randomUUID());
            keys.add(List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));
        }
        Instant base = Instant.parse("2026-11-01T10:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                int w = random.nextInt(workspaces.size());
                UUID workspace = workspaces.get(w);
                UUID key = keys.get(w).get(random.nextInt(3));
                Instant time = base.plusMillis(3_600_000L * i / events);
                EventEnvelope event;
                Topic topic;
                if (i % 2 == 0) {
                    topic = Topic.AUDIT;
                    event = EventEnvelope.wrap(UUID.randomUUID(), "/bench", time, workspace, key, null,
                            new RequestAudited("POST /v1/workspaces/{slug}/recall", "POST", 200, 12, "r-" + i, "10.0.0.1", null, null));
                } else {
                    topic = Topic.USAGE;
                    event = EventEnvelope.wrap(UUID.randomUUID(), "/bench", time, workspace, key, null, i % 5 == 1
                            ? new MemoriesEmbedded(1, 40, "bge-small-en-v1.5/fp32")
                            : new UsageRecorded(1, 300, 1200, 0, 1, 200));
                }
                producer.send(new ProducerRecord<>(topic.topicName(), workspace.toString(), EventCodec.encode(event)));
            }
        }
    }

    private static double plainConsumer(String bootstrap, int events, boolean decode) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : List.of(Topic.AUDIT, Topic.USAGE)) {
                for (int p = 0; p < topic.partitions(); p++) {
                    partitions.add(new TopicPartition(topic.topicName(), p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            int read = 0;
            long checksum = 0;
            while (read < events) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    checksum += decode ? EventCodec.decode(record.value()).time().getEpochSecond() : record.value().length;
                    read++;
                }
            }
            double rate = read / ((System.nanoTime() - start) / 1e9);
            consumed = checksum;
            return rate;
        }
    }
}
