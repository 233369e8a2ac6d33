package com.memorylayer.telemetry.lag;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gauges against a real broker: records produced and not committed are lag, per group and partition. */
class ConsumerLagGaugesTest {

    @TempDir
    static Path directory;
    static EmbeddedKafkaBroker kafka;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic("lagging", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void recordsNotCommittedAreLagPerGroupAndPartitionAndACommitTakesThemOff() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("lagging", 0, "k", "record " + i)).get(30, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>("lagging", 1, "k", "one more")).get(30, TimeUnit.SECONDS);
        }
        // One group committed three records of partition 0; the other never committed anything.
        admin.alterConsumerGroupOffsets("readers", Map.of(new TopicPartition("lagging", 0), new OffsetAndMetadata(3)))
                .all().get(30, TimeUnit.SECONDS);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<ConsumerLagGauges.Group> groups = List.of(new ConsumerLagGauges.Group("readers", List.of("lagging")),
                new ConsumerLagGauges.Group("idle", List.of("lagging")));
        // An interval long enough that only the explicit reads below refresh the figures.
        try (ConsumerLagGauges gauges = ConsumerLagGauges.start(kafka.bootstrapServers(), groups, registry, Duration.ofHours(1))) {
            gauges.read();
            assertThat(lag(registry, "readers", 0)).isEqualTo(2);
            assertThat(lag(registry, "readers", 1)).isEqualTo(1);
            assertThat(lag(registry, "idle", 0)).isEqualTo(5);
            assertThat(lag(registry, "idle", 1)).isEqualTo(1);

            admin.alterConsumerGroupOffsets("readers", Map.of(new TopicPartition("lagging", 0), new OffsetAndMetadata(5),
                    new TopicPartition("lagging", 1), new OffsetAndMetadata(1))).all().get(30, TimeUnit.SECONDS);
            gauges.read();
            assertThat(lag(registry, "readers", 0)).isZero();
            assertThat(lag(registry, "readers", 1)).isZero();
            assertThat(lag(registry, "idle", 0)).isEqualTo(5);
            assertThat(registry.get(ConsumerLagGauges.STALE).gauge().value()).isLessThan(60);
        }
    }

    private static double lag(SimpleMeterRegistry registry, String group, int partition) {
        return registry.get(ConsumerLagGauges.LAG).tag("group", group).tag("topic", "lagging")
                .tag("partition", Integer.toString(partition)).gauge().value();
    }
}
