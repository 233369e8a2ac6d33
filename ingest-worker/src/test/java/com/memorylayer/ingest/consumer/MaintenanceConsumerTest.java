package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.COMMAND_PROGRESS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.ingest.IngestWorkerApplication;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.BatchChange;
import com.memorylayer.schemas.events.DedupeMemories;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.topics.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workspace-wide maintenance on the worker as it runs — its own Spring context, a real broker, a real Postgres —
 * fed through the commands topic as the gateway feeds it: a long pass of one workspace runs on the maintenance
 * consumer, so another workspace's remember is applied while it is still running, and each pass keeps its bounds.
 */
class MaintenanceConsumerTest {

    /** Small, so the bounds show with a few hundred memories. */
    static final int MAX_ROWS = 300;
    static final int ROWS_PER_TRANSACTION = 20;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path directory;
    static EmbeddedPostgresServer postgres;
    static EmbeddedKafkaBroker kafka;
    static ConfigurableApplicationContext worker;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        Migrations.migrateControlPlane(postgres.dataSource());
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
        worker = IngestWorkerApplication.builder().registerShutdownHook(false).run(
                "--management.server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--memorylayer.embedding.cache-directory=" + Path.of("target", "model-cache").toAbsolutePath(),
                "--memorylayer.ingest.maintenance.max-rows=" + MAX_ROWS,
                "--memorylayer.ingest.maintenance.rows-per-transaction=" + ROWS_PER_TRANSACTION);
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

    /**
     * Workspace A dedupes 2,000 repeats of one sentence (up to 1,000 merges, each a few statements and a graph update);
     * workspace B's remember, sent once A's pass is running, is stored while A's command is still pending. On the one
     * command thread of before, B's remember waited for the whole pass.
     */
    @Test
    void anotherWorkspacesRememberIsAppliedWhileADedupePassRuns() {
        UUID a = newWorkspace();
        UUID b = newWorkspace();
        insertRepeats(a, 2000, "The nightly backup of the billing database runs at two in the morning.");
        EventEnvelope dedupe = send(a, new DedupeMemories(0.5, 10_000, false, null));
        await().atMost(Duration.ofSeconds(120)).until(() -> "running".equals(progressState(a, dedupe)));

        EventEnvelope remember = send(b, new RememberMemory(UUID.randomUUID(), "Workspace B's standup moved to ten", "note",
                List.of(), Map.of(), 0.5, null, "api", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> isApplied(b, remember));

        assertThat(isApplied(a, dedupe)).as("A's dedupe still running when B's remember was applied").isFalse();
        assertThat(progressState(a, dedupe)).isEqualTo("running");

        await().atMost(Duration.ofMinutes(5)).until(() -> isApplied(a, dedupe));
        JsonNode result = result(a, dedupe);
        int merges = result.get("merged").size();
        assertThat(result.get("complete").asBoolean()).isTrue();
        assertThat(merges).isGreaterThan(500);
        assertThat(ws(a).fetchCount(MEMORIES, MEMORIES.STATUS.eq("merged"))).isEqualTo(merges);
        // Merges are written ROWS_PER_TRANSACTION at a time: each transaction's history shares its moment.
        assertThat(ws(a).selectDistinct(MEMORY_HISTORY.CHANGED_AT).from(MEMORY_HISTORY)
                .where(MEMORY_HISTORY.EVENT_ID.eq(dedupe.id())).fetch())
                .hasSize((merges + ROWS_PER_TRANSACTION - 1) / ROWS_PER_TRANSACTION);
        assertThat(ws(a).selectFrom(COMMAND_PROGRESS).where(COMMAND_PROGRESS.EVENT_ID.eq(dedupe.id())).fetchSingle())
                .satisfies(p -> {
                    assertThat(p.getState()).isEqualTo("done");
                    assertThat(p.getDone()).isEqualTo((long) merges);
                    assertThat(p.getTotal()).isEqualTo((long) merges);
                });
    }

    /**
     * A bulk forget of 350 memories forgets the newest MAX_ROWS in one pass and says how many are left; sent again,
     * it forgets the rest. A command accepted before it in the same workspace is applied before it chooses.
     */
    @Test
    void aBulkForgetChangesAtMostMaxRowsAPassAndTheNextPassContinues() {
        UUID c = newWorkspace();
        insertNumbered(c, 350);
        EventEnvelope earlier = send(c, new RememberMemory(UUID.randomUUID(), "Written just before the bulk forget", "note",
                List.of(), Map.of(), 0.5, null, "api", Instant.now()));
        EventEnvelope first = send(c, forgetAll());
        await().atMost(Duration.ofSeconds(120)).until(() -> isApplied(c, first));

        assertThat(appliedAt(c, earlier)).isBeforeOrEqualTo(appliedAt(c, first));
        JsonNode result = result(c, first);
        assertThat(result.get("matched").asLong()).isEqualTo(351);
        assertThat(result.get("changed").asLong()).isEqualTo(MAX_ROWS);
        assertThat(result.get("remaining").asLong()).isEqualTo(351 - MAX_ROWS);
        assertThat(result.get("complete").asBoolean()).isFalse();
        assertThat(ws(c).fetchCount(MEMORIES, MEMORIES.STATUS.eq("forgotten"))).isEqualTo(MAX_ROWS);
        // The newest first: the remember sent just before is among them.
        assertThat(ws(c).select(MEMORIES.STATUS).from(MEMORIES)
                .where(MEMORIES.ID.eq(((RememberMemory) earlier.data()).memoryId())).fetchSingle().value1()).isEqualTo("forgotten");

        EventEnvelope second = send(c, forgetAll());
        await().atMost(Duration.ofSeconds(120)).until(() -> isApplied(c, second));
        assertThat(result(c, second).get("complete").asBoolean()).isTrue();
        assertThat(ws(c).fetchCount(MEMORIES, MEMORIES.STATUS.eq("forgotten"))).isEqualTo(351);
    }

    private static BatchChange forgetAll() {
        return new BatchChange(List.of(), MemorySelection.ALL, true, List.of(), List.of(), null, null, null, "tidy", false, null);
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

    /** The same sentence {@code count} times, as a workspace written with dedupe off holds it. */
    private static void insertRepeats(UUID ws, int count, String content) {
        insert(ws, count, i -> content);
    }

    private static void insertNumbered(UUID ws, int count) {
        insert(ws, count, i -> "Scratch note number " + i + " about the build");
    }

    private static void insert(UUID ws, int count, java.util.function.IntFunction<String> content) {
        float[] vector = new float[384];
        vector[0] = 1;
        byte[] embedding = VectorCodec.encode(vector);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        List<Query> inserts = new ArrayList<>();
        DSLContext dsl = ws(ws);
        for (int i = 0; i < count; i++) {
            OffsetDateTime at = start.plusSeconds(i);
            inserts.add(dsl.insertInto(MEMORIES).set(MEMORIES.ID, UUID.randomUUID()).set(MEMORIES.CONTENT, content.apply(i))
                    .set(MEMORIES.KIND, "note").set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "test")
                    .set(MEMORIES.CONTENT_HASH, new byte[] {0}).set(MEMORIES.EMBEDDING, embedding)
                    .set(MEMORIES.EMBEDDING_MODEL, "test").set(MEMORIES.CREATED_AT, at).set(MEMORIES.UPDATED_AT, at));
        }
        dsl.batch(inserts).execute();
    }

    private static EventEnvelope send(UUID ws, MemoryCommand command) {
        UUID id = command instanceof RememberMemory r ? r.memoryId() : UUID.randomUUID();
        EventEnvelope event = EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), ws, null, null, command);
        try {
            producer.send(new ProducerRecord<>(Topic.MEMORY_COMMANDS.topicName(), ws.toString(), EventCodec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return event;
    }

    private static boolean isApplied(UUID ws, EventEnvelope event) {
        return ws(ws).fetchExists(APPLIED_EVENTS, APPLIED_EVENTS.EVENT_ID.eq(event.id()));
    }

    private static OffsetDateTime appliedAt(UUID ws, EventEnvelope event) {
        return ws(ws).select(APPLIED_EVENTS.APPLIED_AT).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(event.id()))
                .fetchSingle().value1();
    }

    private static String progressState(UUID ws, EventEnvelope event) {
        return ws(ws).select(COMMAND_PROGRESS.STATE).from(COMMAND_PROGRESS).where(COMMAND_PROGRESS.EVENT_ID.eq(event.id()))
                .fetchOne(COMMAND_PROGRESS.STATE);
    }

    private static JsonNode result(UUID ws, EventEnvelope event) {
        return JSON.readTree(ws(ws).select(APPLIED_EVENTS.RESULT).from(APPLIED_EVENTS)
                .where(APPLIED_EVENTS.EVENT_ID.eq(event.id())).fetchSingle().value1().data());
    }

    private static DSLContext ws(UUID ws) {
        return new WorkspaceDsl(control()).in(WorkspaceSchemaName.of(ws));
    }

    private static DSLContext control() {
        return DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
    }
}
