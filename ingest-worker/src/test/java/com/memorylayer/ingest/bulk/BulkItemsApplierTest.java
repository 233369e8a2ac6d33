package com.memorylayer.ingest.bulk;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUNS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUN_ITEMS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.IngestRunsRecord;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.topics.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bulk applier on a real Postgres with the real embedder: items applied in chunks with their outcomes and the
 * run's counters in the same transactions, a redelivered request applying nothing twice, a request the gateway never
 * counted counted by the worker, and a value Postgres refuses rejecting that item alone.
 */
class BulkItemsApplierTest {

    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;
    static WorkspaceDsl workspaces;
    static BgeSmallEmbedder embedder;
    static BulkItemsApplier applier;
    static final CurationSettings CURATION = new CurationSettings(0.92, 2000, 50, Duration.ofDays(30), Duration.ofMinutes(30),
            2, 0.7, 5, Duration.ofDays(90), 0.3, Duration.ZERO, Duration.ZERO);

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        // The runs' ledger is the control plane's, and names its workspace.
        Migrations.migrateControlPlane(postgres.dataSource());
        workspaces = new WorkspaceDsl(dsl);
        embedder = BgeSmallEmbedder.load(BgeModel.FP32, Path.of("target", "model-cache"));
        // Chunks of 4, so a request of ten items takes three chunks.
        applier = new BulkItemsApplier(embedder, new WorkspaceLedger(dsl), new CommandDispatcher(CURATION, TopicSettings.defaults((short) 1)),
                new BulkProperties(4, 4, Duration.ofMinutes(15)));
    }

    @AfterAll
    static void stop() {
        embedder.close();
        postgres.close();
    }

    @Test
    void itemsAreAppliedChunkByChunkWithTheirOutcomesAndTheRunsCountsAndARedeliveryChangesNothing() {
        UUID workspace = newWorkspace();
        UUID run = UUID.randomUUID();
        List<IngestItems.Item> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(i == 6 ? new IngestItems.Item(i, null, null, new IngestItems.Rejection("invalid_request", "'content' is required"))
                    : new IngestItems.Item(i, remember(run, "Bulk note number " + i + " about topic " + (i * 13)), null, null));
        }
        // The same id twice: the second is refused, never overwriting the first.
        UUID taken = items.get(0).remember().memoryId();
        items.add(new IngestItems.Item(10, new RememberMemory(taken, "Another text under a taken id", "note", List.of(), Map.of(), 0.5,
                null, "ingest:" + run, Instant.now(), null, null, null, false, null), null, null));
        EventEnvelope request = request(workspace, run, items);
        List<Integer> chunkSizes = new ArrayList<>();

        applier.apply(List.of(request), chunk -> chunkSizes.add(chunk.stored().size()));

        assertThat(chunkSizes).containsExactly(4, 3, 2);
        IngestRunsRecord counted = run(workspace, run);
        var ledger = ledger(run);
        assertThat(ledger.getItemsAccepted()).as("the gateway never counted it: the worker did").isEqualTo(11);
        assertThat(ledger.getWorkspaceId()).isEqualTo(workspace);
        assertThat(ledger.getNextIndex()).isEqualTo(11);
        assertThat(ledger.getIdleCloseAt()).as("a run no gateway opened takes no more items").isEqualTo(ledger.getAppendedAt());
        assertThat(counted.getItemsApplied()).isEqualTo(9);
        assertThat(counted.getItemsRejected()).isEqualTo(2);
        assertThat(ws(workspace).fetchCount(MEMORIES)).isEqualTo(9);
        assertThat(ws(workspace).select(INGEST_RUN_ITEMS.OUTCOME).from(INGEST_RUN_ITEMS).where(INGEST_RUN_ITEMS.ITEM_INDEX.in(6, 10))
                .orderBy(INGEST_RUN_ITEMS.ITEM_INDEX).fetch(INGEST_RUN_ITEMS.OUTCOME))
                .containsExactly("rejected:invalid_request", "rejected:memory_id_taken");
        assertThat(ws(workspace).select(MEMORIES.CONTENT).from(MEMORIES).where(MEMORIES.ID.eq(taken)).fetchOne(MEMORIES.CONTENT))
                .isEqualTo("Bulk note number 0 about topic 0");
        // Each item is also an applied event under its own id, as memory changes name it.
        assertThat(ws(workspace).fetchCount(APPLIED_EVENTS, APPLIED_EVENTS.EVENT_ID.eq(IngestItems.itemEventId(run, 3)))).isEqualTo(1);

        // Delivered again (a crash before the offset commit): nothing is applied or counted twice.
        List<Integer> again = new ArrayList<>();
        applier.apply(List.of(request), chunk -> again.add(chunk.stored().size()));
        assertThat(again).isEmpty();
        IngestRunsRecord recounted = run(workspace, run);
        assertThat(ledger(run).getItemsAccepted()).isEqualTo(11);
        assertThat(recounted.getItemsApplied()).isEqualTo(9);
        assertThat(recounted.getItemsRejected()).isEqualTo(2);
        assertThat(ws(workspace).fetchCount(MEMORIES)).isEqualTo(9);
    }

    @Test
    void aPartlyAppliedRequestResumesWhereItStopped() {
        UUID workspace = newWorkspace();
        UUID run = UUID.randomUUID();
        List<IngestItems.Item> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(new IngestItems.Item(i, remember(run, "Resumed note " + i + " with value " + (i * 7)), null, null));
        }
        // The first four were applied before a crash, as the first chunk of a delivery of the first four.
        applier.apply(List.of(request(workspace, run, items.subList(0, 4))), chunk -> { });
        assertThat(run(workspace, run).getItemsApplied()).isEqualTo(4);

        List<Integer> resumed = new ArrayList<>();
        EventEnvelope whole = request(workspace, run, items);
        applier.apply(List.of(whole), chunk -> resumed.add(chunk.stored().size()));

        assertThat(resumed).containsExactly(2);
        assertThat(run(workspace, run).getItemsApplied()).isEqualTo(6);
        assertThat(ws(workspace).fetchCount(MEMORIES)).isEqualTo(6);
    }

    @Test
    void requestsOfSeveralWorkspacesShareChunksAndEachWorkspaceCountsItsOwn() {
        UUID first = newWorkspace();
        UUID second = newWorkspace();
        UUID runA = UUID.randomUUID();
        UUID runB = UUID.randomUUID();
        List<Integer> chunks = new ArrayList<>();
        applier.apply(List.of(
                request(first, runA, List.of(new IngestItems.Item(0, remember(runA, "Workspace one, first"), null, null),
                        new IngestItems.Item(1, remember(runA, "Workspace one, second"), null, null))),
                request(second, runB, List.of(new IngestItems.Item(0, remember(runB, "Workspace two, first"), null, null),
                        new IngestItems.Item(1, remember(runB, "Workspace two, second"), null, null),
                        new IngestItems.Item(2, remember(runB, "Workspace two, third"), null, null)))),
                chunk -> chunks.add(chunk.stored().size()));
        // Five items, chunks of four: the first chunk crosses from one workspace to the other.
        assertThat(chunks).containsExactly(4, 1);
        assertThat(run(first, runA).getItemsApplied()).isEqualTo(2);
        assertThat(run(second, runB).getItemsApplied()).isEqualTo(3);
        assertThat(ws(first).fetchCount(MEMORIES)).isEqualTo(2);
        assertThat(ws(second).fetchCount(MEMORIES)).isEqualTo(3);
    }

    @Test
    void anItemWhoseValuePostgresRefusesIsRejectedAloneAndTheRestAreApplied() {
        UUID workspace = newWorkspace();
        UUID run = UUID.randomUUID();
        // Only a direct producer could send this (the gateway refuses NUL characters): Postgres cannot store it.
        RememberMemory poison = remember(run, "Contains a NUL \u0000 character");
        EventEnvelope request = request(workspace, run, List.of(
                new IngestItems.Item(0, remember(run, "Stored before the refused one"), null, null),
                new IngestItems.Item(1, poison, null, null),
                new IngestItems.Item(2, remember(run, "Stored after the refused one"), null, null)));

        applier.apply(List.of(request), chunk -> { });

        IngestRunsRecord counted = run(workspace, run);
        assertThat(counted.getItemsApplied()).isEqualTo(2);
        assertThat(counted.getItemsRejected()).isEqualTo(1);
        assertThat(ws(workspace).select(INGEST_RUN_ITEMS.OUTCOME).from(INGEST_RUN_ITEMS).where(INGEST_RUN_ITEMS.ITEM_INDEX.eq(1))
                .fetchOne(INGEST_RUN_ITEMS.OUTCOME)).isEqualTo("rejected:invalid_value");
    }

    private static RememberMemory remember(UUID run, String content) {
        return new RememberMemory(UUID.randomUUID(), content, "note", List.of(), Map.of(), 0.5, null, "ingest:" + run, Instant.now(),
                null, null, null, false, null);
    }

    private static EventEnvelope request(UUID workspace, UUID run, List<IngestItems.Item> items) {
        return EventEnvelope.wrap(UUID.randomUUID(), "/memorylayer/gateway", Instant.now(), workspace, null, run.toString(),
                new IngestItems(run, "ingest", "notes", "test", items, null));
    }

    private static UUID newWorkspace() {
        UUID id = UUID.randomUUID();
        var control = com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
        dsl.insertInto(control).set(control.ID, id).set(control.SLUG, "w-" + id.toString().substring(0, 8))
                .set(control.NAME, "bulk").set(control.SCHEMA_NAME, WorkspaceSchemaName.of(id).value()).execute();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(id));
        return id;
    }

    private static DSLContext ws(UUID workspace) {
        return workspaces.in(WorkspaceSchemaName.of(workspace));
    }

    private static IngestRunsRecord run(UUID workspace, UUID run) {
        return ws(workspace).selectFrom(INGEST_RUNS).where(INGEST_RUNS.ID.eq(run)).fetchOne();
    }

    /** The run's row of the control plane's ledger: accepted requests and items. */
    private static com.memorylayer.schemas.jooq.control.tables.records.IngestRunsRecord ledger(UUID run) {
        var ledger = com.memorylayer.schemas.jooq.control.Tables.INGEST_RUNS;
        return dsl.selectFrom(ledger).where(ledger.ID.eq(run)).fetchOne();
    }
}
