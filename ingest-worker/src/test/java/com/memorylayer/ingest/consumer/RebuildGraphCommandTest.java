package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.graph.RebuildGraphCommand;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.db.WorkspaceWriteLock;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.schemas.topics.TopicSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code admin rebuild-graph} ({@link RebuildGraphCommand}) on a real Postgres with the real OpenNLP models: memories a worker wrote with the
 * graph off (through the worker's own command path, hence this package) get their graph, the rebuild waits for the workspace's write lock, and bad input is a line and a status.
 */
class RebuildGraphCommandTest {

    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;
    static BgeSmallEmbedder embedder;
    /** A worker run with {@code memorylayer.graph.enabled=false}: memories are written without their graph. */
    static MemoryCommandApplier graphless;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        Migrations.migrateControlPlane(postgres.dataSource());
        embedder = BgeSmallEmbedder.load(BgeModel.FP32, Path.of("target", "model-cache"));
        graphless = new MemoryCommandApplier(embedder, new WorkspaceLedger(dsl),
                new CommandDispatcher(MemoryCommandApplierTest.CURATION, TopicSettings.defaults((short) 1)));
    }

    @AfterAll
    static void stop() {
        embedder.close();
        postgres.close();
    }

    @Test
    void memoriesWrittenWithoutTheGraphGetItFromARebuild() {
        UUID ws = newWorkspace("graph-later");
        remember(ws, "Priya uses Kubernetes for the billing service in Berlin.");
        remember(ws, "Priya's team met Tom at Stanford University.");
        assertThat(in(ws).fetchCount(ENTITIES)).as("written with the graph off").isZero();

        Output rebuilt = run("rebuild-graph", "graph-later");

        assertThat(rebuilt.status()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out().lines()).containsExactly("MEMORYLAYER_GRAPH_REBUILT=graph-later", "MEMORYLAYER_GRAPH_MEMORIES=2");
        assertThat(in(ws).select(ENTITIES.ENTITY_KEY).from(ENTITIES).fetch(ENTITIES.ENTITY_KEY))
                .contains("priya", "kubernetes", "berlin", "tom");
        assertThat(in(ws).fetchCount(ENTITY_RELATIONS)).isPositive();

        Output again = run("rebuild-graph", "graph-later");
        assertThat(again.out()).contains("MEMORYLAYER_GRAPH_MEMORIES=2");
    }

    @Test
    void aRebuildWaitsForTheWorkspacesWriteLock() throws Exception {
        UUID ws = newWorkspace("graph-locked");
        remember(ws, "Caroline moved to Sweden.");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A worker transaction of the same workspace, holding its lock until told to commit.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> in(ws).transaction(c -> {
            WorkspaceWriteLock.lock(c.dsl(), ws);
            locked.countDown();
            release.await();
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Output> rebuild = CompletableFuture.supplyAsync(() -> run("rebuild-graph", "graph-locked"));
        Thread.sleep(1500);
        assertThat(rebuild).as("the rebuild waits while a worker transaction holds the lock").isNotDone();
        assertThat(in(ws).fetchCount(ENTITIES)).isZero();

        release.countDown();
        writer.get(30, TimeUnit.SECONDS);
        Output done = rebuild.get(60, TimeUnit.SECONDS);
        assertThat(done.status()).as(done.err()).isZero();
        assertThat(done.out()).contains("MEMORYLAYER_GRAPH_MEMORIES=1");
        assertThat(in(ws).select(ENTITIES.ENTITY_KEY).from(ENTITIES).fetch(ENTITIES.ENTITY_KEY)).contains("caroline", "sweden");
    }

    @Test
    void badInputIsALineAndAStatus() {
        Output unknown = run("rebuild-graph", "no-such-space");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("memorylayer admin: no workspace 'no-such-space'" + System.lineSeparator());
        assertThat(unknown.out()).isEmpty();

        Output noSlug = run("rebuild-graph");
        assertThat(noSlug.status()).isEqualTo(2);
        assertThat(noSlug.err()).contains(RebuildGraphCommand.USAGE);
        assertThat(run("create-key", "graph-later").status()).isEqualTo(2);
        assertThat(run().status()).isEqualTo(2);

        Output unreachable = run(new RebuildGraphCommand(unreachablePostgres()), "rebuild-graph", "anything");
        assertThat(unreachable.status()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("memorylayer admin: failed: ").doesNotContain("\tat ");
    }

    private static org.postgresql.ds.PGSimpleDataSource unreachablePostgres() {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + com.memorylayer.embedded.FreePort.pick() + "/memorylayer");
        dataSource.setConnectTimeout(2);
        return dataSource;
    }

    private static UUID newWorkspace(String slug) {
        UUID id = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(id);
        dsl.insertInto(WORKSPACES).set(WORKSPACES.ID, id).set(WORKSPACES.SLUG, slug).set(WORKSPACES.NAME, slug)
                .set(WORKSPACES.SCHEMA_NAME, schema.value()).execute();
        Migrations.migrateWorkspace(postgres.dataSource(), schema);
        return id;
    }

    private static void remember(UUID ws, String content) {
        UUID id = UUID.randomUUID();
        graphless.apply(List.of(EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), ws, null, null,
                new RememberMemory(id, content, "note", List.of(), Map.of(), 0.5, null, "api", Instant.now(), null,
                        MemoryType.FACT, null, false, null))));
    }

    private static DSLContext in(UUID ws) {
        return new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(ws));
    }

    record Output(int status, String out, String err) {
    }

    private static Output run(String... args) {
        return run(new RebuildGraphCommand(postgres.dataSource()), args);
    }

    private static Output run(RebuildGraphCommand command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
