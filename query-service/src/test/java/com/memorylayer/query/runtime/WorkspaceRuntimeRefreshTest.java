package com.memorylayer.query.runtime;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure receipts in a warm runtime's refresh, on a real Postgres: memories and receipts share one change
 * sequence and are applied in its order, across pages; an erased memory leaves every index and its session's
 * neighbour links, and never comes back.
 */
class WorkspaceRuntimeRefreshTest {

    static final int DIM = 4;
    static EmbeddedPostgresServer postgres;
    static WorkspaceDsl workspaces;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        workspaces = new WorkspaceDsl(DSL.using(postgres.dataSource(), SQLDialect.POSTGRES));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static DSLContext newWorkspace() {
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(UUID.randomUUID());
        Migrations.migrateWorkspace(postgres.dataSource(), schema);
        return workspaces.in(schema);
    }

    @Test
    void receiptsInterleavedWithWritesAreAllAppliedWhenPagesEndAtDifferentPoints() {
        DSLContext ws = newWorkspace();
        // Pages of two rows per table: the receipts' page ends (at B's) before the memories' page (at F), and C's
        // receipt lies between them, so it is only seen if the refresh stops at the shorter page and reads on.
        try (WorkspaceRuntime runtime = new WorkspaceRuntime(UUID.randomUUID(), ws, DIM, 2)) {
            UUID a = insert(ws, "alpha", null, new float[] {1, 0, 0, 0});
            UUID b = insert(ws, "bravo", null, new float[] {1, 1, 0, 0});
            UUID c = insert(ws, "charlie", null, new float[] {1, 0, 1, 0});
            UUID d = insert(ws, "delta", null, new float[] {1, 0, 0, 1});
            runtime.refresh();
            assertThat(runtime.size()).isEqualTo(4);

            erase(ws, a);
            erase(ws, b);
            UUID e = insert(ws, "echo", null, new float[] {0, 1, 0, 0});
            erase(ws, c);
            UUID f = insert(ws, "foxtrot", null, new float[] {0, 0, 1, 0});
            runtime.refresh();

            assertThat(runtime.size()).isEqualTo(3);
            assertThat(ids(runtime.searchDense(new float[] {1, 0, 0, 0}, 10))).containsExactlyInAnyOrder(d, e, f);
            for (UUID gone : List.of(a, b, c)) {
                assertThat(runtime.facts(gone)).isNull();
            }
            assertThat(runtime.searchLexical("alpha bravo charlie", 10)).isEmpty();
        }
    }

    @Test
    void aColdRuntimeSkipsReceiptsOfMemoriesItNeverHeld() {
        DSLContext ws = newWorkspace();
        UUID erased = insert(ws, "erased before anyone looked", "s", new float[] {1, 0, 0, 0});
        UUID kept = insert(ws, "kept", "s", new float[] {0, 1, 0, 0});
        erase(ws, erased);
        try (WorkspaceRuntime runtime = new WorkspaceRuntime(UUID.randomUUID(), ws, DIM, 1)) {
            runtime.refresh();

            assertThat(runtime.size()).isEqualTo(1);
            assertThat(runtime.facts(kept)).isNotNull();
            assertThat(runtime.facts(erased)).isNull();
        }
    }

    @Test
    void anErasedMemoryNeverComesBackInAnyChannelNorAsANeighbour() {
        DSLContext ws = newWorkspace();
        try (WorkspaceRuntime runtime = new WorkspaceRuntime(UUID.randomUUID(), ws, DIM, 2_000)) {
            UUID first = insert(ws, "first turn", "s", new float[] {0, 0, 1, 0});
            UUID secret = insert(ws, "the secret turn", "s", new float[] {1, 0, 0, 0});
            UUID last = insert(ws, "last turn", "s", new float[] {0, 0, 0, 1});
            runtime.refresh();
            float[] query = {1, 0, 0, 0};
            assertThat(ids(runtime.searchContext(query, 10, null, 0.5))).contains(secret);

            erase(ws, secret);
            runtime.refresh();
            // Later writes to the same session, and later refreshes, bring nothing of it back.
            UUID later = insert(ws, "a later turn", "s", new float[] {1, 0, 0, 1});
            runtime.refresh();
            runtime.refresh();

            assertThat(ids(runtime.searchDense(query, 10))).containsExactlyInAnyOrder(first, last, later);
            assertThat(ids(runtime.searchContext(query, 10, null, 0.5))).containsExactlyInAnyOrder(first, last, later);
            assertThat(runtime.searchLexical("secret", 10)).isEmpty();
            // The session closes over the gap: the first turn's next neighbour is now the last, whose similarity to a
            // query equal to its own vector (1) it gains in full at alpha 1; still linked to the erased turn it would
            // gain nothing.
            List<ScoredId> context = runtime.searchContext(new float[] {0, 0, 0, 1}, 10, null, 1.0);
            assertThat(score(context, first)).isCloseTo(1.0f, within(0.02f));
        }
    }

    /**
     * The time channel's search: looking up the window's days (few memories in the window) and scanning every memory
     * with the window as a filter (most of them in it) answer the same, also after a memory's erasure and a backdating
     * edit moved it between days.
     */
    @Test
    void aWindowSearchAnswersAsTheScanFilteredByTheWindow() {
        DSLContext ws = newWorkspace();
        java.util.Random random = new java.util.Random(7);
        OffsetDateTime start = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Most memories on one day (a bulk import), the rest spread over sixty.
            OffsetDateTime created = i < 300 ? start.plusDays(40).plusMinutes(i) : start.plusHours(random.nextInt(60 * 24));
            ids.add(insert(ws, "memory " + i, null, new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat(),
                    random.nextFloat() - 0.5f}, created));
        }
        try (WorkspaceRuntime runtime = new WorkspaceRuntime(UUID.randomUUID(), ws, DIM, 100)) {
            runtime.refresh();
            erase(ws, ids.get(301));
            ws.update(MEMORIES).set(MEMORIES.CREATED_AT, start.plusDays(3).plusHours(5)).set(MEMORIES.UPDATED_AT, OffsetDateTime.now())
                    .set(MEMORIES.CHANGE_SEQ, com.memorylayer.schemas.jooq.workspace_template.Sequences.MEMORY_CHANGE_SEQ.nextval())
                    .where(MEMORIES.ID.eq(ids.get(0))).execute();
            runtime.refresh();
            float[] query = {0.3f, 0.1f, 0.8f, 0.2f};
            java.util.function.Predicate<UUID> even = id -> id.hashCode() % 2 == 0;
            // Narrow (a few days), wide (the whole bulk day and more: past a quarter of the memories), and one holding
            // only the backdated memory's new day.
            for (com.memorylayer.retrieval.time.TimeWindow window : List.of(
                    new com.memorylayer.retrieval.time.TimeWindow(start.plusDays(2).toInstant(), start.plusDays(9).toInstant(), "narrow"),
                    new com.memorylayer.retrieval.time.TimeWindow(start.plusDays(30).toInstant(), start.plusDays(61).toInstant(), "wide"),
                    new com.memorylayer.retrieval.time.TimeWindow(start.plusDays(3).toInstant(), start.plusDays(4).toInstant(), "day"))) {
                for (java.util.function.Predicate<UUID> accept : java.util.Arrays.<java.util.function.Predicate<UUID>>asList(null, even)) {
                    List<ScoredId> scanned = runtime.searchDense(query, 20, id -> window.contains(runtime.facts(id).createdAt())
                            && (accept == null || accept.test(id)));
                    assertThat(runtime.searchDenseWithin(window, query, 20, accept)).as(window.expression()).isEqualTo(scanned);
                }
            }
            assertThat(ids(runtime.searchDenseWithin(new com.memorylayer.retrieval.time.TimeWindow(start.plusDays(3).toInstant(),
                    start.plusDays(4).toInstant(), "day"), query, 400, null))).contains(ids.get(0)).doesNotContain(ids.get(301));
        }
    }

    @Test
    void sessionNeighboursCloseOverAnUnlinkedMemory() {
        SessionNeighbours neighbours = new SessionNeighbours();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        neighbours.append("s", a);
        neighbours.append("s", b);
        neighbours.append("s", c);

        neighbours.remove("s", b);
        assertThat(neighbours.next(a)).isEqualTo(c);
        assertThat(neighbours.previous(c)).isEqualTo(a);
        assertThat(neighbours.previous(b)).isNull();
        assertThat(neighbours.next(b)).isNull();

        neighbours.remove("s", c);
        assertThat(neighbours.next(a)).isNull();
        UUID d = UUID.randomUUID();
        neighbours.append("s", d);
        assertThat(neighbours.previous(d)).isEqualTo(a);
        assertThat(neighbours.next(a)).isEqualTo(d);

        neighbours.remove("s", a);
        assertThat(neighbours.previous(d)).isNull();
    }

    private static float score(List<ScoredId> hits, UUID id) {
        return hits.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow().score();
    }

    private static List<UUID> ids(List<ScoredId> hits) {
        return hits.stream().map(ScoredId::id).toList();
    }

    private static UUID insert(DSLContext ws, String content, String session, float[] vector) {
        return insert(ws, content, session, vector, OffsetDateTime.now());
    }

    private static UUID insert(DSLContext ws, String content, String session, float[] vector, OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        ws.insertInto(MEMORIES).set(MEMORIES.ID, id).set(MEMORIES.CONTENT, content).set(MEMORIES.KIND, "note")
                .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "test").set(MEMORIES.SESSION_ID, session)
                .set(MEMORIES.CONTENT_HASH, new byte[] {0}).set(MEMORIES.EMBEDDING, VectorCodec.encode(vector))
                .set(MEMORIES.EMBEDDING_MODEL, "test").set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now)
                .execute();
        return id;
    }

    /** What the ingest worker's erasure leaves: no row, and a receipt taking the next change_seq. */
    private static void erase(DSLContext ws, UUID id) {
        ws.transaction(tx -> {
            tx.dsl().deleteFrom(MEMORIES).where(MEMORIES.ID.eq(id)).execute();
            tx.dsl().insertInto(ERASURES).set(ERASURES.MEMORY_ID, id).set(ERASURES.EVENT_ID, UUID.randomUUID())
                    .set(ERASURES.ERASED_AT, OffsetDateTime.now()).set(ERASURES.REASON, "test")
                    .set(ERASURES.STORES, new String[] {"postgres"}).set(ERASURES.COMMAND_LOG_UNTIL, OffsetDateTime.now())
                    .execute();
        });
    }
}
