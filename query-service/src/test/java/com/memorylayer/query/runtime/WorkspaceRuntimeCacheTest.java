package com.memorylayer.query.runtime;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.query.ShippedSettings;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.jooq.workspace_template.Sequences;
import com.memorylayer.schemas.memory.MemoryStatus;
import java.time.Duration;
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
 * The warm-runtime cache on a real Postgres: its size bound and idle TTL, their shipped values, and refresh of
 * writes, status changes and erasures.
 */
class WorkspaceRuntimeCacheTest {

    static final int DIM = 4;
    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    static UUID newWorkspace() {
        UUID id = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(id));
        return id;
    }

    @Test
    void theLeastRecentlyUsedRuntimeIsEvictedBeyondTheLimit() {
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(2, Duration.ofMinutes(30)), new WorkspaceDsl(dsl), DIM)) {
            UUID a = newWorkspace();
            UUID b = newWorkspace();
            UUID c = newWorkspace();
            cache.get(a);
            cache.get(b);
            cache.get(a);
            cache.get(c);

            assertThat(cache.warmCount()).isEqualTo(2);
            assertThat(cache.isWarm(a)).isTrue();
            assertThat(cache.isWarm(b)).isFalse();
            assertThat(cache.isWarm(c)).isTrue();
        }
    }

    @Test
    void bigRuntimesPushTheLeastRecentlyUsedOutOfTheMemoryBudget() {
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30), 4, 0, Duration.ofSeconds(5), 5L),
                new WorkspaceDsl(dsl), DIM)) {
            UUID small = newWorkspace();
            UUID older = newWorkspace();
            UUID big = newWorkspace();
            insert(new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(small)), "one", new float[] {1, 0, 0, 0});
            for (int i = 0; i < 3; i++) {
                insert(new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(older)), "older " + i, new float[] {1, i, 0, 0});
                insert(new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(big)), "big " + i, new float[] {0, i, 1, 0});
            }
            for (UUID workspace : List.of(older, small)) {
                try (WorkspaceRuntimeCache.Lease lease = cache.lease(workspace)) {
                    lease.refresh();
                }
            }
            assertThat(cache.warmMemories()).isEqualTo(4);
            try (WorkspaceRuntimeCache.Lease lease = cache.lease(big)) {
                lease.refresh();
                assertThat(lease.runtime().size()).isEqualTo(3);
            }
            // 3 + 1 + 3 > 5: the least recently used (older) goes, the one just used (small) and the new one stay.
            assertThat(cache.isWarm(older)).isFalse();
            assertThat(cache.isWarm(small)).isTrue();
            assertThat(cache.isWarm(big)).isTrue();
            assertThat(cache.warmMemories()).isEqualTo(4);
        }
    }

    @Test
    void oneOwnersManyWorkspacesTakeNoMoreThanTheirShareOfTheWarmRuntimes() {
        UUID flooder = UUID.randomUUID();
        java.util.Set<UUID> flooders = new java.util.HashSet<>();
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30), 4, 0), new WorkspaceDsl(dsl), DIM,
                id -> flooders.contains(id) ? flooder : id)) {
            java.util.List<UUID> others = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                others.add(newWorkspace());
                cache.get(others.get(i));
            }
            // One person cycles through 20 workspaces of theirs, twice.
            java.util.List<UUID> theirs = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                UUID id = newWorkspace();
                flooders.add(id);
                theirs.add(id);
            }
            for (int round = 0; round < 2; round++) {
                theirs.forEach(cache::get);
            }

            assertThat(others).allMatch(cache::isWarm);
            assertThat(theirs.stream().filter(cache::isWarm)).containsExactlyElementsOf(theirs.subList(16, 20));
            assertThat(cache.warmCount()).isEqualTo(16);
        }
    }

    @Test
    void anOwnerCyclingMoreWorkspacesThanItsShareLoadsNoMoreThanItsBudgetAMinute() {
        UUID cycler = UUID.randomUUID();
        java.util.Set<UUID> theirs = new java.util.HashSet<>();
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30), 1, 2), new WorkspaceDsl(dsl), DIM,
                id -> theirs.contains(id) ? cycler : id)) {
            UUID a = newWorkspace();
            UUID b = newWorkspace();
            theirs.add(a);
            theirs.add(b);
            cache.get(a); // within the share: free
            cache.get(b); // takes a's slot: one of two loads
            cache.get(a); // two of two
            cache.get(a); // warm: no load, no charge

            assertThatThrownBy(() -> cache.lease(b))
                    .isInstanceOfSatisfying(com.memorylayer.web.error.ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(com.memorylayer.schemas.api.ErrorCode.WORKSPACE_LOADS_BUSY);
                        assertThat(e.retryAfterSeconds()).isBetween(1L, 30L);
                    });
            assertThat(cache.isWarm(a)).as("the refused load evicted nothing").isTrue();
            assertThat(cache.isWarm(b)).isFalse();
            // Another tenant's cold workspace loads as ever.
            UUID other = newWorkspace();
            cache.lease(other).close();
            assertThat(cache.isWarm(other)).isTrue();
        }
    }

    @Test
    void aRuntimeEvictedWhileARecallUsesItStaysOpenUntilTheRecallIsDone() {
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(2, Duration.ofMinutes(30)), new WorkspaceDsl(dsl), DIM)) {
            UUID busy = newWorkspace();
            WorkspaceRuntimeCache.Lease lease = cache.lease(busy);
            WorkspaceRuntime runtime = lease.runtime();
            runtime.refresh();
            cache.get(newWorkspace());
            cache.get(newWorkspace());
            assertThat(cache.isWarm(busy)).as("evicted").isFalse();

            // Still searchable by the recall that holds it (closing it here failed such recalls with a 500).
            assertThat(runtime.searchLexical("anything", 5)).isEmpty();
            lease.close();
            assertThatThrownBy(() -> runtime.searchLexical("anything", 5)).isInstanceOf(org.apache.lucene.store.AlreadyClosedException.class);
        }
    }

    @Test
    void theShippedSettingsKeepSixteenWarmWithAHalfHourIdleTtl() {
        RuntimeProperties shipped = ShippedSettings.bind("memorylayer.runtime", RuntimeProperties.class);

        assertThat(shipped.maxWarm()).isEqualTo(16);
        assertThat(shipped.idleTtl()).isEqualTo(Duration.ofSeconds(1800));
        // Unset, the memory budget follows the heap.
        assertThat(shipped.maxWarmMemories()).isEqualTo((long) (Runtime.getRuntime().maxMemory() * RuntimeProperties.DEFAULT_HEAP_SHARE
                / RuntimeProperties.HEAP_BYTES_PER_MEMORY));
        try (var cache = new WorkspaceRuntimeCache(shipped, new WorkspaceDsl(dsl), DIM)) {
            for (int i = 0; i < 20; i++) {
                cache.get(UUID.randomUUID());
            }
            assertThat(cache.warmCount()).isEqualTo(16);
        }
    }

    @Test
    void idleRuntimesAreDroppedAfterTheTtl() throws InterruptedException {
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMillis(200)), new WorkspaceDsl(dsl), DIM)) {
            UUID idle = newWorkspace();
            cache.get(idle);
            Thread.sleep(300);
            UUID fresh = newWorkspace();
            cache.get(fresh);

            cache.dropIdle();

            assertThat(cache.isWarm(idle)).isFalse();
            assertThat(cache.isWarm(fresh)).isTrue();
        }
    }

    @Test
    void refreshPicksUpInsertsStatusChangesAndErasures() {
        UUID workspace = newWorkspace();
        DSLContext ws = new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(workspace));
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30)), new WorkspaceDsl(dsl), DIM)) {
            UUID kept = insert(ws, "kept memory about apples", new float[] {1, 0, 0, 0});
            UUID forgotten = insert(ws, "forgotten memory about cherries", new float[] {0, 0, 0, 1});
            UUID erased = insert(ws, "erased memory about pears", new float[] {0, 1, 0, 0});
            WorkspaceRuntime runtime = cache.get(workspace);
            runtime.refresh();
            assertThat(runtime.size()).isEqualTo(3);

            ws.update(MEMORIES).set(MEMORIES.STATUS, "forgotten").set(MEMORIES.FORGOTTEN_AT, OffsetDateTime.now())
                    .set(MEMORIES.CHANGE_SEQ, Sequences.MEMORY_CHANGE_SEQ.nextval()).where(MEMORIES.ID.eq(forgotten)).execute();
            ws.deleteFrom(MEMORIES).where(MEMORIES.ID.eq(erased)).execute();
            ws.insertInto(ERASURES).set(ERASURES.MEMORY_ID, erased).set(ERASURES.EVENT_ID, UUID.randomUUID())
                    .set(ERASURES.ERASED_AT, OffsetDateTime.now()).set(ERASURES.REASON, "test")
                    .set(ERASURES.STORES, new String[] {"postgres"}).set(ERASURES.COMMAND_LOG_UNTIL, OffsetDateTime.now())
                    .execute();
            UUID added = insert(ws, "new memory about plums", new float[] {0, 0, 1, 0});
            runtime.refresh();

            // The forgotten memory is still held, with its new status, for requests that ask for it; the erased one is gone.
            assertThat(runtime.size()).isEqualTo(3);
            assertThat(runtime.facts(forgotten).status()).isEqualTo(MemoryStatus.FORGOTTEN);
            assertThat(runtime.facts(kept).status()).isEqualTo(MemoryStatus.ACTIVE);
            assertThat(runtime.facts(erased)).isNull();
            assertThat(runtime.searchDense(new float[] {0, 1, 0, 0}, 10)).extracting(s -> s.id()).containsOnly(kept, forgotten, added);
            assertThat(runtime.searchLexical("pears", 10)).isEmpty();
            assertThat(runtime.searchLexical("cherries", 10)).extracting(s -> s.id()).containsExactly(forgotten);
            assertThat(runtime.searchLexical("plums", 10)).extracting(s -> s.id()).containsExactly(added);
        }
    }

    /**
     * A cold workspace whose load outlasts the warm budget (here none: every page past the first is over it) answers
     * 503 workspace_warming with Retry-After, holding no thread for the load, which goes on in the background until
     * the runtime is warm; from then on reads refresh in place.
     */
    @Test
    void aLoadThatOutlastsTheWarmBudgetGoesOnInTheBackgroundWhileReadsAnswerWarming() throws InterruptedException {
        UUID workspace = newWorkspace();
        DSLContext ws = new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(workspace));
        java.util.List<org.jooq.Query> rows = new java.util.ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < 2_500; i++) {
            rows.add(ws.insertInto(MEMORIES).set(MEMORIES.ID, UUID.randomUUID()).set(MEMORIES.CONTENT, "memory " + i)
                    .set(MEMORIES.KIND, "note").set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "test")
                    .set(MEMORIES.CONTENT_HASH, new byte[] {0}).set(MEMORIES.EMBEDDING, VectorCodec.encode(new float[] {1, i, 0, 0}))
                    .set(MEMORIES.EMBEDDING_MODEL, "test").set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now));
        }
        ws.batch(rows).execute();
        try (var cache = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30), 4, 0, Duration.ZERO),
                new WorkspaceDsl(dsl), DIM)) {
            try (WorkspaceRuntimeCache.Lease lease = cache.lease(workspace)) {
                assertThatThrownBy(lease::refresh).isInstanceOfSatisfying(com.memorylayer.web.error.ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(com.memorylayer.schemas.api.ErrorCode.WORKSPACE_WARMING);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
                assertThat(lease.runtime().warm()).isFalse();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!cache.get(workspace).warm() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            try (WorkspaceRuntimeCache.Lease lease = cache.lease(workspace)) {
                assertThat(lease.runtime().warm()).isTrue();
                assertThat(lease.runtime().size()).isEqualTo(2_500);
                UUID later = insert(ws, "written once warm", new float[] {0, 0, 1, 0});
                lease.refresh();
                assertThat(lease.runtime().facts(later)).isNotNull();
            }
        }
    }

    private static UUID insert(DSLContext ws, String content, float[] vector) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        ws.insertInto(MEMORIES).set(MEMORIES.ID, id).set(MEMORIES.CONTENT, content).set(MEMORIES.KIND, "note")
                .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "test")
                .set(MEMORIES.CONTENT_HASH, new byte[] {0}).set(MEMORIES.EMBEDDING, VectorCodec.encode(vector))
                .set(MEMORIES.EMBEDDING_MODEL, "test").set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now)
                .execute();
        return id;
    }
}
