package com.memorylayer.audit;

import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.audit.topology.AuditStreams;
import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sink against a real broker and a real Postgres: exact totals over 10,000 events with duplicates and late
 * events, a replay that rebuilds identical tables, and a sink process killed mid-stream that resumes with no
 * loss and no double count. The steps build on each other's data, so they run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditSinkStreamsTest {

    private static final int EVENTS = 10_000;
    private static final String KILLED_AND_RESTARTED = "audit-sink-test-member";
    /** Ten minutes before midnight, so the events span two days. */
    private static final Instant BASE = Instant.parse("2026-03-01T23:50:00Z");

    @TempDir
    static Path temp;
    private EmbeddedKafkaBroker kafka;
    private EmbeddedPostgresServer postgres;
    private DSLContext dsl;
    private KafkaProducer<String, byte[]> producer;
    private final UsageEventFactory events = new UsageEventFactory();
    private final Map<UUID, EventEnvelope> expectedAudit = new HashMap<>();
    private ConfigurableApplicationContext sink;
    /** A record the broker never took would be missing from the totals for a reason that is not the sink's. */
    private final List<String> sendFailures = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void startInfrastructure() {
        kafka = EmbeddedKafkaBroker.start(temp.resolve("kafka"), FreePort.pick());
        postgres = EmbeddedPostgresServer.startTemporary();
        Migrations.migrateControlPlane(postgres.dataSource());
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), TopicSettings.defaults((short) 1));
        awaitLeaders(Topic.USAGE, Topic.AUDIT);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stopInfrastructure() {
        if (sink != null) {
            sink.close();
        }
        producer.close();
        kafka.close();
        postgres.close();
    }

    @Test
    @Order(1)
    void tenThousandEventsWithDuplicatesAndLateOnesAddUpExactly() {
        List<EventEnvelope> sent = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < EVENTS; i++) {
            EventEnvelope usage = events.usage(events.timeAt(BASE, Duration.ofMinutes(20), i, EVENTS), true);
            EventEnvelope audit = events.audit(events.timeAt(BASE, Duration.ofMinutes(20), i, EVENTS));
            send(Topic.USAGE, usage);
            send(Topic.AUDIT, audit);
            expectedAudit.put(audit.id(), audit);
            sent.add(usage);
            sent.add(audit);
            if (i % 20 == 19) {
                // One of the last few events again, as a retrying producer or a redelivered ingest batch would
                // send it: still within the grace period, so only the ids seen can keep it from counting twice.
                EventEnvelope again = sent.get(sent.size() - 1 - random.nextInt(Math.min(sent.size(), 60)));
                send(again.data() instanceof RequestAudited ? Topic.AUDIT : Topic.USAGE, again);
            }
        }
        // One workspace's partition moves to 00:40; then an event 11 minutes behind it (past the 10-minute
        // grace) is dropped, and one 9 minutes behind lands in its window.
        UUID late = events.workspaces.get(0);
        Instant front = BASE.plus(Duration.ofMinutes(50));
        send(Topic.USAGE, events.usage(late, front, true));
        send(Topic.USAGE, events.usage(late, front.minus(Duration.ofMinutes(11)), false));
        send(Topic.USAGE, events.usage(late, front.minus(Duration.ofMinutes(9)), true));
        producer.flush();

        sink = startSink(false);
        awaitCaughtUp(sink);

        assertUsageTablesMatchExpected();
        assertAuditTableMatchesExpected();
        assertThat(events.expectedWorkspace.keySet().stream().map(UsageEventFactory.Row::granularity).distinct())
                .containsExactlyInAnyOrder("minute", "day");
    }

    @Test
    @Order(2)
    void replayFromOffsetZeroRebuildsIdenticalTables() {
        List<List<Object>> before = snapshot();
        assertThat(before.size()).isGreaterThan(EVENTS);
        sink.close();

        sink = startSink(true);
        awaitCaughtUp(sink);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void sinkKilledMidStreamResumesWithNoLossAndNoDoubleCount() throws Exception {
        sink.close();
        sink = null;
        int auditBefore = dsl.fetchCount(AUDIT_EVENTS);
        Instant start = BASE.plus(Duration.ofHours(2));
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < EVENTS; i++) {
                Instant time = events.timeAt(start, Duration.ofMinutes(20), i, EVENTS);
                EventEnvelope audit = events.audit(time);
                synchronized (expectedAudit) {
                    expectedAudit.put(audit.id(), audit);
                }
                send(Topic.USAGE, events.usage(time, true));
                send(Topic.AUDIT, audit);
                if (i % 100 == 99) {
                    producer.flush();
                    sleep(100);
                }
            }
            producer.flush();
        });

        Process process = startSinkProcess();
        try {
            await(Duration.ofSeconds(90), () -> dsl.fetchCount(AUDIT_EVENTS) >= auditBefore + 1_500);
            int atKill = dsl.fetchCount(AUDIT_EVENTS);
            process.destroyForcibly().waitFor();
            assertThat(atKill).as("killed mid-stream").isLessThan(auditBefore + EVENTS);
        } finally {
            process.destroyForcibly().waitFor();
        }

        sink = AuditSinkApplication.builder().run(Stream.concat(sinkArguments(false).stream(),
                Stream.of("--memorylayer.audit-sink.streams.group.instance.id=" + KILLED_AND_RESTARTED)).toArray(String[]::new));
        writer.join();
        awaitCaughtUp(sink);

        assertUsageTablesMatchExpected();
        assertAuditTableMatchesExpected();
    }

    private void assertUsageTablesMatchExpected() {
        assertThat(sendFailures).as("sends the broker refused").isEmpty();
        Map<UsageEventFactory.Row, long[]> workspaceRows = new HashMap<>();
        for (Record r : dsl.selectFrom(USAGE_WORKSPACE_WINDOWS).fetch()) {
            workspaceRows.put(new UsageEventFactory.Row(r.get(USAGE_WORKSPACE_WINDOWS.WORKSPACE_ID),
                    r.get(USAGE_WORKSPACE_WINDOWS.GRANULARITY), r.get(USAGE_WORKSPACE_WINDOWS.WINDOW_START).toInstant()),
                    totals(r));
        }
        Map<UsageEventFactory.Row, long[]> keyRows = new HashMap<>();
        for (Record r : dsl.selectFrom(USAGE_KEY_WINDOWS).fetch()) {
            UUID key = r.get(USAGE_KEY_WINDOWS.KEY_ID);
            assertThat(r.get(USAGE_KEY_WINDOWS.WORKSPACE_ID)).isEqualTo(events.keyWorkspace.get(key));
            keyRows.put(new UsageEventFactory.Row(key, r.get(USAGE_KEY_WINDOWS.GRANULARITY),
                    r.get(USAGE_KEY_WINDOWS.WINDOW_START).toInstant()), totals(r));
        }
        assertSameTotals(workspaceRows, events.expectedWorkspace);
        assertSameTotals(keyRows, events.expectedKey);
    }

    private static void assertSameTotals(Map<UsageEventFactory.Row, long[]> actual, Map<UsageEventFactory.Row, long[]> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((row, totals) -> assertThat(actual.get(row)).as(row.toString()).containsExactly(totals));
    }

    private static long[] totals(Record r) {
        String[] columns = {"requests", "client_errors", "server_errors", "bytes_in", "bytes_out", "memories_written",
                "recalls", "memories_embedded", "embedding_tokens"};
        long[] values = new long[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = r.get(columns[i], Long.class);
        }
        return values;
    }

    private void assertAuditTableMatchesExpected() {
        var rows = dsl.selectFrom(AUDIT_EVENTS).fetch();
        synchronized (expectedAudit) {
            assertThat(rows).hasSize(expectedAudit.size());
            for (var row : rows) {
                EventEnvelope event = expectedAudit.get(row.getEventId());
                assertThat(event).as("row %s was sent", row.getEventId()).isNotNull();
                RequestAudited audited = (RequestAudited) event.data();
                assertThat(row.getWorkspaceId()).isEqualTo(event.workspace());
                assertThat(row.getKeyId()).isEqualTo(event.keyId());
                assertThat(row.getOccurredAt().toInstant()).isEqualTo(event.time());
                assertThat(row.getStatus()).isEqualTo(audited.status());
                assertThat(row.getRoute()).isEqualTo(audited.route());
                assertThat(row.getLatencyMs()).isEqualTo((int) audited.latencyMs());
                assertThat(row.getRequestId()).isEqualTo(audited.requestId());
                assertThat(row.getClientAddress()).isEqualTo(audited.clientAddress());
            }
        }
    }

    private List<List<Object>> snapshot() {
        List<List<Object>> rows = new ArrayList<>();
        dsl.selectFrom(AUDIT_EVENTS).orderBy(AUDIT_EVENTS.EVENT_ID).fetch().forEach(r -> rows.add(Arrays.asList(r.intoArray())));
        dsl.selectFrom(USAGE_WORKSPACE_WINDOWS).orderBy(USAGE_WORKSPACE_WINDOWS.WORKSPACE_ID,
                USAGE_WORKSPACE_WINDOWS.GRANULARITY, USAGE_WORKSPACE_WINDOWS.WINDOW_START).fetch()
                .forEach(r -> rows.add(Arrays.asList(r.intoArray())));
        dsl.selectFrom(USAGE_KEY_WINDOWS).orderBy(USAGE_KEY_WINDOWS.KEY_ID, USAGE_KEY_WINDOWS.GRANULARITY,
                USAGE_KEY_WINDOWS.WINDOW_START).fetch().forEach(r -> rows.add(Arrays.asList(r.intoArray())));
        return rows;
    }

    private void send(Topic topic, EventEnvelope event) {
        String key = event.workspace() == null ? null : event.workspace().toString();
        producer.send(new ProducerRecord<>(topic.topicName(), key, UsageEventFactory.bytes(event)), (meta, e) -> {
            if (e != null) {
                sendFailures.add(event.id() + ": " + e);
            }
        });
    }

    private List<String> sinkArguments(boolean replay) {
        return List.of(
                // The management server on a free port: two sinks may run at once here (one as a process).
                "--management.server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--memorylayer.audit-sink.bootstrap-servers=" + kafka.bootstrapServers(),
                "--memorylayer.audit-sink.state-directory=" + temp.resolve("streams-state"),
                // A killed member is noticed after this, rather than Kafka Streams' 45 s default.
                "--memorylayer.audit-sink.streams.session.timeout.ms=6000",
                "--memorylayer.audit-sink.streams.heartbeat.interval.ms=1000",
                "--memorylayer.audit-sink.replay=" + replay);
    }

    private ConfigurableApplicationContext startSink(boolean replay) {
        return AuditSinkApplication.builder().run(sinkArguments(replay).toArray(String[]::new));
    }

    private Process startSinkProcess() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditSinkApplication.class.getName()));
        command.addAll(sinkArguments(false));
        // A static member, as the dev launcher runs it: the sink started after the kill takes its partitions back at
        // once instead of waiting out the killed one's session.
        command.add("--memorylayer.audit-sink.streams.group.instance.id=" + KILLED_AND_RESTARTED);
        File log = Files.createDirectories(Path.of("target")).resolve("killed-sink.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /**
     * The first events sent are the earliest minute's: on a loaded machine the producer must not meet partitions
     * still without a leader, or the earliest windows' totals would depend on how its retries went.
     */
    private void awaitLeaders(Topic... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<String> names = Arrays.stream(topics).map(Topic::topicName).toList();
            await(Duration.ofSeconds(60), () -> {
                try {
                    return admin.describeTopics(names).allTopicNames().get().values().stream()
                            .flatMap(t -> t.partitions().stream())
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private static void awaitCaughtUp(ConfigurableApplicationContext sink) {
        AuditStreams streams = sink.getBean(AuditStreams.class);
        await(Duration.ofSeconds(120), streams::caughtUp);
    }

    private static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
