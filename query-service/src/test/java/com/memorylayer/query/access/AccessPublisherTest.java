package com.memorylayer.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.query.ShippedSettings;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.MemoriesAccessed.Access;
import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.events.SessionRecalls;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Access counts on their way to the ingest worker, through a real in-process broker: what a flush puts on
 * {@code memorylayer.memory.commands}, exactly; the schedule; the flush at stop; the shipped settings; and that a
 * broker out of reach costs recalls nothing.
 */
class AccessPublisherTest {

    static final Instant T1 = Instant.parse("2026-11-30T09:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-30T09:00:00.250Z");

    @TempDir
    static Path directory;
    static EmbeddedKafkaBroker kafka;
    static DefaultKafkaProducerFactory<String, byte[]> producers;
    static KafkaTemplate<String, byte[]> template;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), TopicSettings.defaults((short) 1));
        producers = new DefaultKafkaProducerFactory<>(producerSettings(kafka.bootstrapServers(), 10_000));
        template = new KafkaTemplate<>(producers);
    }

    @AfterAll
    static void stop() {
        producers.destroy();
        kafka.close();
    }

    static Map<String, Object> producerSettings(String bootstrap, int maxBlockMs) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
    }

    /** A clock the test sets: which instant each access is recorded at. */
    static final class SetClock extends Clock {
        volatile Instant now = T1;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static AccessProperties every(Duration interval) {
        return new AccessProperties(interval, new AccessProperties.AccessRecording(true));
    }

    /** Every command on the topic keyed by one of {@code workspaces}, reading until {@code expected} arrived and a moment more. */
    private static List<ConsumerRecord<String, byte[]>> commandsOf(Set<UUID> workspaces, int expected, Duration wait) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = IntStream.range(0, Topic.MEMORY_COMMANDS.partitions())
                    .mapToObj(p -> new TopicPartition(Topic.MEMORY_COMMANDS.topicName(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            long settled = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settled)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (workspaces.contains(UUID.fromString(record.key()))) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected && settled == Long.MAX_VALUE) {
                    // Anything more, such as a duplicate, would be on the log by now.
                    settled = System.nanoTime() + Duration.ofMillis(500).toNanos();
                }
            }
        }
        return found;
    }

    private static MemoriesAccessed accessed(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventCodec.decode(record.value());
        assertThat(envelope.type()).isEqualTo(MemoriesAccessed.TYPE);
        assertThat(envelope.source()).isEqualTo(EventSource.QUERY_SERVICE);
        assertThat(envelope.workspace()).hasToString(record.key());
        assertThat(envelope.keyId()).isNull();
        return envelope.dataAs(MemoriesAccessed.class);
    }

    @Test
    void aFlushSendsOneCommandPerWorkspaceWithEachMemorysCountAndLastAccess() throws Exception {
        SetClock clock = new SetClock();
        AccessRecorder recorder = new AccessRecorder(true, clock);
        AccessPublisher publisher = new AccessPublisher(recorder, new SessionQueryRecorder(true, clock), template, every(Duration.ofHours(1)), clock);
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();

        recorder.record(one, List.of(a, b));
        recorder.record(other, List.of(c));
        clock.now = T2;
        recorder.record(one, List.of(a));
        publisher.flush().get(30, TimeUnit.SECONDS);
        publisher.flush().get(30, TimeUnit.SECONDS);

        List<ConsumerRecord<String, byte[]>> commands = commandsOf(Set.of(one, other), 2, Duration.ofSeconds(30));
        assertThat(commands).hasSize(2);
        ConsumerRecord<String, byte[]> ofOne = commands.stream().filter(r -> r.key().equals(one.toString())).findFirst().orElseThrow();
        ConsumerRecord<String, byte[]> ofOther = commands.stream().filter(r -> r.key().equals(other.toString())).findFirst().orElseThrow();
        assertThat(accessed(ofOne).accesses()).containsExactly(new Access(a, 2, T2), new Access(b, 1, T1));
        assertThat(accessed(ofOther).accesses()).containsExactly(new Access(c, 1, T1));
        assertThat(EventCodec.decode(ofOne.value()).time()).isEqualTo(T2);
    }

    @Test
    void aSessionsRecallsAreSentBesideTheAccessCountsInTheOrderAsked() throws Exception {
        SetClock clock = new SetClock();
        SessionQueryRecorder queries = new SessionQueryRecorder(true, clock);
        AccessPublisher publisher = new AccessPublisher(new AccessRecorder(true, clock), queries, template,
                every(Duration.ofHours(1)), clock);
        UUID workspace = UUID.randomUUID();

        queries.record(workspace, "agent-1", "billing outage", 3);
        queries.record(workspace, null, "not a session's", 1);
        clock.now = T2;
        queries.record(workspace, "agent-2", "tomatoes", 0);
        publisher.flush().get(30, TimeUnit.SECONDS);

        List<ConsumerRecord<String, byte[]>> commands = commandsOf(Set.of(workspace), 1, Duration.ofSeconds(30));
        assertThat(commands).hasSize(1);
        EventEnvelope envelope = EventCodec.decode(commands.getFirst().value());
        assertThat(envelope.type()).isEqualTo(SessionRecalls.TYPE);
        assertThat(envelope.dataAs(SessionRecalls.class).recalls()).containsExactly(
                new SessionRecalls.Recall("agent-1", "billing outage", 3, T1), new SessionRecalls.Recall("agent-2", "tomatoes", 0, T2));
        assertThat(queries.drain()).isEmpty();
    }

    @Test
    void theScheduleFlushesWithoutBeingAskedAndStoppingSendsWhatIsLeft() throws Exception {
        AccessRecorder recorder = new AccessRecorder(true, Clock.fixed(T1, ZoneOffset.UTC));
        AccessPublisher publisher = new AccessPublisher(recorder, new SessionQueryRecorder(true, Clock.systemUTC()), template, every(Duration.ofMillis(200)));
        UUID workspace = UUID.randomUUID();
        UUID memory = UUID.randomUUID();
        publisher.start();
        try {
            recorder.record(workspace, List.of(memory));
            assertThat(commandsOf(Set.of(workspace), 1, Duration.ofSeconds(30))).hasSize(1);
        } finally {
            recorder.record(workspace, List.of(memory, memory));
            publisher.stop();
        }

        assertThat(publisher.isRunning()).isFalse();
        List<ConsumerRecord<String, byte[]>> commands = commandsOf(Set.of(workspace), 2, Duration.ofSeconds(30));
        assertThat(commands).hasSize(2);
        assertThat(accessed(commands.get(1)).accesses()).containsExactly(new Access(memory, 2, T1));
    }

    @Test
    void aBrokerOutOfReachCostsRecallsNothingAndAFlushGivesUpAfterOneWait() {
        int nobody = FreePort.pick();
        DefaultKafkaProducerFactory<String, byte[]> nowhere = new DefaultKafkaProducerFactory<>(
                producerSettings("localhost:" + nobody, 1_000));
        try {
            AccessRecorder recorder = new AccessRecorder(true, Clock.systemUTC());
            AccessPublisher publisher = new AccessPublisher(recorder, new SessionQueryRecorder(true, Clock.systemUTC()), new KafkaTemplate<>(nowhere), every(Duration.ofHours(1)));
            for (int i = 0; i < 5; i++) {
                UUID workspace = UUID.randomUUID();
                assertThatCode(() -> recorder.record(workspace, List.of(UUID.randomUUID()))).doesNotThrowAnyException();
            }

            long started = System.nanoTime();
            CompletableFuture<Void> sent = publisher.flush();
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(sent).failsWithin(Duration.ofSeconds(30));
            // Five workspaces each waiting out max.block.ms (1 s) would take five seconds.
            assertThat(tookMs).isLessThan(4_000);
            assertThat(recorder.drain()).isEmpty();
        } finally {
            nowhere.destroy();
        }
    }

    @Test
    void turnedOffNothingIsCountedAndNothingScheduled() {
        AccessRecorder recorder = new AccessRecorder(false, Clock.systemUTC());
        AccessPublisher publisher = new AccessPublisher(recorder, new SessionQueryRecorder(false, Clock.systemUTC()), template, every(Duration.ofMillis(100)));

        recorder.record(UUID.randomUUID(), List.of(UUID.randomUUID()));
        publisher.start();

        assertThat(publisher.isRunning()).isFalse();
        assertThat(recorder.drain()).isEmpty();
    }

    @Test
    void theShippedSettingsFlushEverySecondAndTheEnvironmentCanTurnRecordingOff() {
        AccessProperties shipped = ShippedSettings.bind("memorylayer.recall", AccessProperties.class);
        AccessProperties off = ShippedSettings.bind("memorylayer.recall", AccessProperties.class,
                Map.of("MEMORYLAYER_ACCESS_RECORDING", "false"));

        assertThat(shipped.accessFlushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(shipped.enabled()).isTrue();
        assertThat(off.enabled()).isFalse();
    }
}
