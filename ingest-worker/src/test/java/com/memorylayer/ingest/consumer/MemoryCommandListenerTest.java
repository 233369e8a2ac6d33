package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.ingest.IngestWorkerApplication;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryStored;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;

/**
 * The ingest worker as it runs — its own Spring context, a real broker, a real Postgres, the real embedder — fed
 * records through the commands topic: what the listener and its error handler retry, and what they skip.
 *
 * <p>A retry listener on the worker's error handler observes every failed delivery and every batch given up, so
 * the tests can say "never retried" and "never dropped" instead of inferring either from the passage of time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryCommandListenerTest {

    @TempDir
    static Path directory;
    static Path postgresDirectory;
    static int postgresPort;
    static EmbeddedPostgresServer postgres;
    static EmbeddedKafkaBroker kafka;
    static ConfigurableApplicationContext worker;
    static KafkaProducer<String, byte[]> producer;
    static ListAppender<ILoggingEvent> listenerLog;
    static final ConcurrentLinkedQueue<FailedDelivery> failedDeliveries = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> droppedRecords = new ConcurrentLinkedQueue<>();

    /** One failed delivery of a batch: its records as partition@offset, and which attempt it was. */
    record FailedDelivery(Set<String> records, int attempt) {
    }

    @BeforeAll
    static void start() {
        // A data directory and port of its own, not a temporary server: the retry test stops Postgres and starts
        // it again on the same cluster, where the worker's pool finds it.
        postgresDirectory = directory.resolve("postgres");
        postgresPort = FreePort.pick();
        postgres = EmbeddedPostgresServer.start(postgresDirectory, postgresPort, EmbeddedPostgresServer.Durability.FAST);
        Migrations.migrateControlPlane(postgres.dataSource());
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
        worker = IngestWorkerApplication.builder().registerShutdownHook(false).run(
                "--management.server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                // While Postgres is down each attempt fails after this long instead of Hikari's default 30 s.
                "--spring.datasource.hikari.connection-timeout=250",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--memorylayer.embedding.cache-directory=" + Path.of("target", "model-cache").toAbsolutePath(),
                // Short, so a test sees many retries in a few seconds; the rule under test is that they never end.
                "--memorylayer.ingest.retry.initial-interval=20ms",
                "--memorylayer.ingest.retry.max-interval=100ms");
        ((DefaultErrorHandler) worker.getBean(CommonErrorHandler.class)).setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                failedDeliveries.add(new FailedDelivery(Set.of(position(record)), deliveryAttempt));
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                Set<String> positions = new HashSet<>();
                records.forEach(r -> positions.add(position(r)));
                failedDeliveries.add(new FailedDelivery(positions, deliveryAttempt));
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
                droppedRecords.add(position(record));
            }

            @Override
            public void recovered(ConsumerRecords<?, ?> records, Exception ex) {
                records.forEach(r -> droppedRecords.add(position(r)));
            }
        });
        // Attached after the context started: Spring Boot resets logback's configuration while it starts.
        listenerLog = new ListAppender<>();
        listenerLog.start();
        ((Logger) LoggerFactory.getLogger(MemoryCommandListener.class)).addAppender(listenerLog);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        await().atMost(Duration.ofSeconds(60)).until(() -> worker.getBean(CommandConsumerReadiness.class).isConsuming());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void forgetEarlierTests() {
        failedDeliveries.clear();
        droppedRecords.clear();
        synchronized (listenerLog) {
            listenerLog.list.clear();
        }
    }

    /**
     * Postgres really stopped under a worker that was writing, not a table renamed: the batch fails at its first
     * query, is retried past the ten deliveries after which Spring Kafka's default handler logs it and commits
     * past it, and applies once Postgres is back. Run last, so no other test meets a pool still recovering.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aBatchThatFailsWhilePostgresIsDownIsRetriedUntilItApplies() {
        UUID workspace = newWorkspace();
        // A write first, so the worker's pool is up before the outage as in a running service; a pool that has
        // never connected fails differently (and a second slower) on each attempt.
        EventEnvelope before = remember(workspace, "Written while Postgres was up");
        send(workspace.toString(), EventCodec.encode(before));
        await().atMost(Duration.ofSeconds(60)).until(() -> isStored(workspace, before));
        EventEnvelope command = remember(workspace, "Accepted while Postgres was down");
        String position;
        postgres.close();
        try {
            position = position(send(workspace.toString(), EventCodec.encode(command)));
            await().atMost(Duration.ofSeconds(60)).until(() -> attemptsOf(position) > 10);
        } finally {
            postgres = EmbeddedPostgresServer.start(postgresDirectory, postgresPort, EmbeddedPostgresServer.Durability.FAST);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> isStored(workspace, command));
        assertThat(droppedRecords).isEmpty();
        awaitCommittedPast(position);
    }

    /**
     * Bytes that are no event, and an event that is no command (a memory-changed event on the wrong topic): no
     * retry could make them readable, and a partition that waited for them would wait for ever.
     */
    @Test
    void recordsThatAreNoCommandAreSkippedAndLoggedAndTheCommandAfterThemIsApplied() {
        UUID workspace = newWorkspace();
        String key = workspace.toString();
        String garbage = position(send(key, "{ not json".getBytes(StandardCharsets.UTF_8)));
        UUID memoryId = UUID.randomUUID();
        String notACommand = position(send(key, EventCodec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/ingest-worker",
                Instant.now(), workspace, null, memoryId.toString(), new MemoryStored(memoryId, memoryId, 1, true)))));
        EventEnvelope good = remember(workspace, "Written after two unreadable records");
        String goodPosition = position(send(key, EventCodec.encode(good)));

        await().atMost(Duration.ofSeconds(60)).until(() -> isStored(workspace, good));

        assertThat(listenerErrors()).anyMatch(line -> line.startsWith("skipping unreadable record at " + garbage + ":"));
        assertThat(listenerErrors()).anyMatch(line -> line.startsWith("skipping unreadable record at " + notACommand + ":"));
        assertNeverRetried(garbage, notACommand, goodPosition);
        awaitCommittedPast(goodPosition);
    }

    /**
     * A command type, or a version of one, that this build does not know (a newer gateway's, say) is not guessed
     * at: it is logged and passed, and the commands after it are applied.
     */
    @Test
    void aCommandOfAnUnknownTypeOrVersionIsSkippedAndLoggedAndTheCommandAfterItIsApplied() {
        UUID workspace = newWorkspace();
        String key = workspace.toString();
        String remember = new String(EventCodec.encode(remember(workspace, "From a build that knows more")), StandardCharsets.UTF_8);
        assertThat(remember).contains("\"type\":\"" + RememberMemory.TYPE + "\"").contains("\"version\":1");
        String unknownType = position(send(key, remember.replace(RememberMemory.TYPE, "memorylayer.memory.forget")
                .getBytes(StandardCharsets.UTF_8)));
        String unknownVersion = position(send(key, remember.replace("\"version\":1", "\"version\":2").getBytes(StandardCharsets.UTF_8)));
        EventEnvelope good = remember(workspace, "Written after two commands of unknown kinds");
        String goodPosition = position(send(key, EventCodec.encode(good)));

        await().atMost(Duration.ofSeconds(60)).until(() -> isStored(workspace, good));

        assertThat(listenerErrors()).anyMatch(line -> line.startsWith("skipping unreadable record at " + unknownType + ":")
                && line.contains("unknown event type memorylayer.memory.forget version 1"));
        assertThat(listenerErrors()).anyMatch(line -> line.startsWith("skipping unreadable record at " + unknownVersion + ":")
                && line.contains("unknown event type " + RememberMemory.TYPE + " version 2"));
        assertNeverRetried(unknownType, unknownVersion, goodPosition);
        awaitCommittedPast(goodPosition);
    }

    /**
     * A deleted workspace's schema is gone, so its command could never apply; retried, it would hold up every
     * other tenant's writes behind it. It is skipped, as is the command of a workspace that never existed.
     */
    @Test
    void commandsOfUnknownOrDeletedWorkspacesAreSkippedWithoutHoldingUpTheOthers() {
        UUID live = newWorkspace();
        UUID deleted = newWorkspace();
        UUID unknown = UUID.randomUUID();
        EventEnvelope forDeleted = remember(deleted, "For a workspace deleted after this was accepted");
        EventEnvelope forUnknown = remember(unknown, "For a workspace that never existed");
        EventEnvelope forLive = remember(live, "For a workspace that is there");
        deleteWorkspace(deleted);
        // One key, so all three are on one partition in this order and the live one can only come after them.
        String key = live.toString();
        String deletedPosition = position(send(key, EventCodec.encode(forDeleted)));
        String unknownPosition = position(send(key, EventCodec.encode(forUnknown)));
        String livePosition = position(send(key, EventCodec.encode(forLive)));

        await().atMost(Duration.ofSeconds(60)).until(() -> isStored(live, forLive));

        assertThat(listenerWarnings()).contains(
                "skipping command " + forDeleted.id() + " for unknown or deleted workspace " + deleted,
                "skipping command " + forUnknown.id() + " for unknown or deleted workspace " + unknown);
        assertNeverRetried(deletedPosition, unknownPosition, livePosition);
        awaitCommittedPast(livePosition);
    }

    private static UUID newWorkspace() {
        UUID id = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(id);
        Migrations.migrateWorkspace(postgres.dataSource(), schema);
        String slug = "t-" + id.toString().substring(0, 8);
        control().insertInto(WORKSPACES).set(WORKSPACES.ID, id).set(WORKSPACES.SLUG, slug).set(WORKSPACES.NAME, slug)
                .set(WORKSPACES.SCHEMA_NAME, schema.value()).execute();
        return id;
    }

    /** As the gateway deletes one: its row and its schema in one transaction. */
    private static void deleteWorkspace(UUID id) {
        control().transaction(c -> {
            c.dsl().deleteFrom(WORKSPACES).where(WORKSPACES.ID.eq(id)).execute();
            c.dsl().dropSchema(DSL.name(WorkspaceSchemaName.of(id).value())).cascade().execute();
        });
    }

    private static DSLContext control() {
        return DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
    }

    private static boolean isStored(UUID workspace, EventEnvelope command) {
        return new WorkspaceDsl(control()).in(WorkspaceSchemaName.of(workspace))
                .fetchExists(MEMORIES, MEMORIES.ID.eq(((RememberMemory) command.data()).memoryId()));
    }

    private static EventEnvelope remember(UUID workspace, String content) {
        UUID id = UUID.randomUUID();
        return EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), workspace, null, id.toString(),
                new RememberMemory(id, content, "note", List.of(), Map.of(), 0.5, null, "api", Instant.now()));
    }

    private static RecordMetadata send(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(Topic.MEMORY_COMMANDS.topicName(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take the record", e);
        }
    }

    /** How the listener names a record in its log: topic-partition@offset. */
    private static String position(RecordMetadata record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static int attemptsOf(String position) {
        return failedDeliveries.stream().filter(f -> f.records().contains(position)).mapToInt(FailedDelivery::attempt)
                .max().orElse(0);
    }

    private static void assertNeverRetried(String... positions) {
        for (String position : positions) {
            assertThat(attemptsOf(position)).as("failed deliveries of %s", position).isZero();
            assertThat(droppedRecords).as("batches given up").doesNotContain(position);
        }
    }

    /** The group's committed offset is past the record, so a restarted worker will not read it again. */
    private static void awaitCommittedPast(String position) {
        String partition = position.substring(0, position.indexOf('@'));
        long offset = Long.parseLong(position.substring(position.indexOf('@') + 1));
        TopicPartition topicPartition = new TopicPartition(Topic.MEMORY_COMMANDS.topicName(),
                Integer.parseInt(partition.substring(partition.lastIndexOf('-') + 1)));
        // The container's own group, not spring.kafka.consumer.group-id: @KafkaListener's id overrides that.
        String group = worker.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(MemoryCommandListener.LISTENER_ID)
                .getGroupId();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .get(topicPartition);
                return committed != null && committed.offset() > offset;
            });
        }
    }

    private static List<String> listenerErrors() {
        return listenerLines(Level.ERROR);
    }

    private static List<String> listenerWarnings() {
        return listenerLines(Level.WARN);
    }

    private static List<String> listenerLines(Level level) {
        List<ILoggingEvent> events;
        // The appender adds under its own lock, on the consumer thread.
        synchronized (listenerLog) {
            events = new ArrayList<>(listenerLog.list);
        }
        return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
