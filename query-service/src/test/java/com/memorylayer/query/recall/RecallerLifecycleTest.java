package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.query.ShippedSettings;
import com.memorylayer.query.access.AccessRecorder;
import com.memorylayer.query.rerank.RerankProperties;
import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.RuntimeProperties;
import com.memorylayer.query.runtime.WorkspaceRuntime;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall over a memory's whole life, on a real Postgres with the real embedder and the shipped ranking: which
 * statuses a recall sees by default and how it asks for others, its {@code mode}, a warm runtime following status
 * changes and erasures, the lifecycle fields of each result, and the ids handed to access recording.
 */
class RecallerLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    static EmbeddedPostgresServer postgres;
    static BgeSmallEmbedder embedder;
    static RerankStage noReranker;
    static WorkspaceDsl workspaces;
    static WorkspaceRuntimeCache runtimes;
    static AccessRecorder accesses;
    static Recaller recaller;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        DSLContext dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        Migrations.migrateControlPlane(postgres.dataSource());
        embedder = BgeSmallEmbedder.load(BgeModel.INT8, Path.of("target", "model-cache"));
        noReranker = new RerankStage(new RerankProperties(Path.of("target", "no-reranker-here"), 20));
        RecallProperties properties = ShippedSettings.bind("memorylayer.recall", RecallProperties.class);
        workspaces = new WorkspaceDsl(dsl);
        runtimes = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30)), workspaces, embedder.dimension());
        accesses = new AccessRecorder(true, Clock.fixed(NOW, ZoneOffset.UTC));
        recaller = new Recaller(runtimes, embedder, properties, workspaces,
                noReranker, accesses, new OwnerRecallSlots(properties));
    }

    @AfterAll
    static void stop() {
        runtimes.close();
        noReranker.close();
        embedder.close();
        postgres.close();
    }

    private static UUID newWorkspace() {
        UUID id = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(id));
        return id;
    }

    private static DSLContext ws(UUID workspace) {
        return workspaces.in(WorkspaceSchemaName.of(workspace));
    }

    private static UUID insert(UUID workspace, String content, Map<Field<?>, ?> columns) {
        return StoredMemories.insert(ws(workspace), embedder, content, null, columns);
    }

    private static Map<Field<?>, ?> status(MemoryStatus status) {
        return status == MemoryStatus.FORGOTTEN
                ? Map.of(MEMORIES.STATUS, status.wire(), MEMORIES.FORGOTTEN_AT, OffsetDateTime.now())
                : Map.of(MEMORIES.STATUS, status.wire());
    }

    private static List<RecallResult> recall(UUID workspace, String query, MemorySelection filters, RecallMode mode) {
        return recall(workspace, query, 20, filters, mode);
    }

    private static List<RecallResult> recall(UUID workspace, String query, int limit, MemorySelection filters, RecallMode mode) {
        return recaller.recall(workspace, new RecallRequest(query, limit, null, filters, mode, null,
                Set.of("dense", "lexical", "context"), true, true)).results();
    }

    private static List<String> contents(UUID workspace, String query, MemorySelection filters, RecallMode mode) {
        return recall(workspace, query, filters, mode).stream().map(RecallResult::content).toList();
    }

    private static MemorySelection statuses(MemoryStatus... statuses) {
        return MemorySelection.ALL.withDefaultStatus(EnumSet.of(statuses[0], statuses));
    }

    @Test
    void byDefaultOnlyActiveAndChallengedMemoriesAreRecalledAndFiltersStatusAsksForOthers() {
        UUID workspace = newWorkspace();
        insert(workspace, "The office wifi password is sunflower42", status(MemoryStatus.ACTIVE));
        insert(workspace, "Someone said the wifi password is daisy9", status(MemoryStatus.CHALLENGED));
        insert(workspace, "The old wifi password was hunter2", status(MemoryStatus.FORGOTTEN));
        insert(workspace, "The wifi password is tulip7", status(MemoryStatus.INVALIDATED));
        insert(workspace, "The wifi password used to be rose3", status(MemoryStatus.SUPERSEDED));
        insert(workspace, "Wifi password: sunflower42", status(MemoryStatus.MERGED));

        assertThat(contents(workspace, "what is the wifi password", MemorySelection.ALL, RecallMode.FULL_CONTEXT))
                .containsExactlyInAnyOrder("The office wifi password is sunflower42", "Someone said the wifi password is daisy9");
        assertThat(recall(workspace, "wifi password", statuses(MemoryStatus.FORGOTTEN), RecallMode.FULL_CONTEXT))
                .singleElement().satisfies(r -> {
                    assertThat(r.content()).isEqualTo("The old wifi password was hunter2");
                    assertThat(r.status()).isEqualTo(MemoryStatus.FORGOTTEN);
                });
        assertThat(contents(workspace, "wifi password",
                statuses(MemoryStatus.INVALIDATED, MemoryStatus.FORGOTTEN, MemoryStatus.ACTIVE), RecallMode.FULL_CONTEXT))
                .containsExactlyInAnyOrder("The office wifi password is sunflower42", "The old wifi password was hunter2",
                        "The wifi password is tulip7");
        // Statuses restrict inside the channels, before ranking is cut: the best match, forgotten, does not take the
        // one place a limit of one leaves.
        assertThat(recall(workspace, "The old wifi password was hunter2", 1, MemorySelection.ALL, RecallMode.FULL_CONTEXT))
                .singleElement().satisfies(r -> assertThat(r.status()).isIn(MemoryStatus.RECALLED_BY_DEFAULT));
    }

    @Test
    void aMemoryForgottenSinceTheRuntimeLastRefreshedIsNotReturned() {
        UUID workspace = newWorkspace();
        UUID forgotten = insert(workspace, "The temporary wifi password is hunter2", Map.of());
        insert(workspace, "The guest network is called visitors", Map.of());
        assertThat(contents(workspace, "wifi password", MemorySelection.ALL, RecallMode.FULL_CONTEXT)).hasSize(2);

        // The row changes without a new change_seq, so the runtime still holds it as active: the row, read for
        // the result, is what counts.
        ws(workspace).update(MEMORIES).set(MEMORIES.STATUS, "forgotten").set(MEMORIES.FORGOTTEN_AT, OffsetDateTime.now())
                .where(MEMORIES.ID.eq(forgotten)).execute();

        assertThat(runtimes.get(workspace).facts(forgotten).status()).isEqualTo(MemoryStatus.ACTIVE);
        assertThat(contents(workspace, "wifi password", MemorySelection.ALL, RecallMode.FULL_CONTEXT))
                .containsExactly("The guest network is called visitors");
    }

    @Test
    void aMemoryForgottenAfterTheRuntimeWarmedUpIsHiddenAtTheNextRecall() {
        UUID workspace = newWorkspace();
        UUID forgotten = insert(workspace, "The temporary wifi password is hunter2", Map.of());
        insert(workspace, "The guest network is called visitors", Map.of());
        assertThat(contents(workspace, "wifi password", MemorySelection.ALL, RecallMode.FULL_CONTEXT)).hasSize(2);

        StoredMemories.change(ws(workspace), forgotten, status(MemoryStatus.FORGOTTEN));

        assertThat(contents(workspace, "wifi password", MemorySelection.ALL, RecallMode.FULL_CONTEXT))
                .containsExactly("The guest network is called visitors");
        assertThat(contents(workspace, "wifi password", statuses(MemoryStatus.FORGOTTEN), RecallMode.FULL_CONTEXT))
                .containsExactly("The temporary wifi password is hunter2");
    }

    @Test
    void modeRestrictsMemoryTypesOnTopOfFiltersMemoryType() {
        UUID workspace = newWorkspace();
        insert(workspace, "Paris is the capital of France", Map.of(MEMORIES.MEMORY_TYPE, "fact"));
        insert(workspace, "To get to Paris, book the train two weeks ahead", Map.of(MEMORIES.MEMORY_TYPE, "procedure"));
        insert(workspace, "We went to Paris last spring and it rained", Map.of(MEMORIES.MEMORY_TYPE, "narrative"));
        String query = "Paris";

        assertThat(contents(workspace, query, MemorySelection.ALL, RecallMode.FACTS_ONLY))
                .containsExactly("Paris is the capital of France");
        assertThat(contents(workspace, query, MemorySelection.ALL, RecallMode.FACTS_PLUS_RULES))
                .containsExactlyInAnyOrder("Paris is the capital of France", "To get to Paris, book the train two weeks ahead");
        assertThat(contents(workspace, query, MemorySelection.ALL, RecallMode.FULL_CONTEXT)).hasSize(3);
        MemorySelection proceduresAndNarratives = MemorySelection.ALL.withDefaultMemoryType(
                EnumSet.of(MemoryType.PROCEDURE, MemoryType.NARRATIVE));
        assertThat(contents(workspace, query, proceduresAndNarratives, RecallMode.FACTS_PLUS_RULES))
                .containsExactly("To get to Paris, book the train two weeks ahead");
        assertThat(contents(workspace, query, proceduresAndNarratives, RecallMode.FACTS_ONLY)).isEmpty();
        // The mode too restricts inside the channels: the narrative, matching best, does not take the one place.
        assertThat(recall(workspace, "We went to Paris last spring and it rained", 1, MemorySelection.ALL, RecallMode.FACTS_ONLY))
                .extracting(RecallResult::content).containsExactly("Paris is the capital of France");
    }

    @Test
    void anErasedMemoryLeavesTheWarmRuntimeAtItsNextRefreshAndNeverReturns() {
        UUID workspace = newWorkspace();
        UUID erased = insert(workspace, "The front door code is 4512", Map.of());
        insert(workspace, "The garage code is 7788", Map.of());
        assertThat(contents(workspace, "door code", MemorySelection.ALL, RecallMode.FULL_CONTEXT)).hasSize(2);
        WorkspaceRuntime runtime = runtimes.get(workspace);
        assertThat(runtime.facts(erased)).isNotNull();

        StoredMemories.erase(ws(workspace), erased);
        MemorySelection everyStatus = MemorySelection.ALL.withDefaultStatus(EnumSet.allOf(MemoryStatus.class));

        assertThat(contents(workspace, "front door code 4512", everyStatus, RecallMode.FULL_CONTEXT))
                .containsExactly("The garage code is 7788");
        assertThat(runtimes.get(workspace)).isSameAs(runtime);
        assertThat(runtime.facts(erased)).isNull();
        assertThat(runtime.size()).isEqualTo(1);
        insert(workspace, "The shed code is 1234", Map.of());
        assertThat(contents(workspace, "front door code 4512", everyStatus, RecallMode.FULL_CONTEXT))
                .containsExactlyInAnyOrder("The garage code is 7788", "The shed code is 1234");
        assertThat(runtime.facts(erased)).isNull();
    }

    @Test
    void eachResultCarriesItsStatusLayerTypePinAndVersion() {
        UUID workspace = newWorkspace();
        UUID curated = insert(workspace, "Deploys happen on Tuesdays", Map.of(MEMORIES.STATUS, "challenged",
                MEMORIES.LAYER, "semantic", MEMORIES.MEMORY_TYPE, "fact", MEMORIES.PINNED, true, MEMORIES.VERSION, 3));
        UUID plain = insert(workspace, "We deployed late last Tuesday", Map.of());

        Map<UUID, RecallResult> results = new java.util.HashMap<>();
        recall(workspace, "when are deploys", MemorySelection.ALL, RecallMode.FULL_CONTEXT).forEach(r -> results.put(r.id(), r));

        assertThat(results.get(curated)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(MemoryStatus.CHALLENGED);
            assertThat(r.layer()).isEqualTo(MemoryLayer.SEMANTIC);
            assertThat(r.memoryType()).isEqualTo(MemoryType.FACT);
            assertThat(r.pinned()).isTrue();
            assertThat(r.version()).isEqualTo(3);
        });
        assertThat(results.get(plain)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(MemoryStatus.ACTIVE);
            assertThat(r.layer()).isEqualTo(MemoryLayer.EPISODIC);
            assertThat(r.memoryType()).isEqualTo(MemoryType.NARRATIVE);
            assertThat(r.pinned()).isFalse();
            assertThat(r.version()).isEqualTo(1);
        });
    }

    @Test
    void theIdsEachRecallReturnsAreCountedForAccessRecording() {
        UUID workspace = newWorkspace();
        insert(workspace, "The boat is moored at pier 9", Map.of());
        insert(workspace, "The boat needs new sails", Map.of());
        insert(workspace, "The car is parked in the garage", Map.of());
        accesses.drain();

        List<UUID> first = recall(workspace, "boat", MemorySelection.ALL, RecallMode.FULL_CONTEXT).stream()
                .map(RecallResult::id).toList();
        List<UUID> second = recaller.recall(workspace, new RecallRequest("boat", 1, null, MemorySelection.ALL,
                RecallMode.FULL_CONTEXT, null, Set.of("dense", "lexical"), true, true)).results().stream()
                .map(RecallResult::id).toList();
        recall(workspace, "boat", statuses(MemoryStatus.FORGOTTEN), RecallMode.FULL_CONTEXT);

        assertThat(first).hasSize(3);
        assertThat(second).hasSize(1);
        Map<UUID, List<MemoriesAccessed.Access>> drained = accesses.drain();
        assertThat(drained.keySet()).containsExactly(workspace);
        assertThat(drained.get(workspace)).containsExactlyInAnyOrderElementsOf(first.stream()
                .map(id -> new MemoriesAccessed.Access(id, second.contains(id) ? 2 : 1, NOW)).toList());
    }

    @Test
    void anExplainedRecallReturnsWhatTheRecallWouldAndCountsNoAccess() {
        UUID workspace = newWorkspace();
        insert(workspace, "The lighthouse fog horn is tested every Tuesday", Map.of());
        insert(workspace, "The ferry timetable changes in October", Map.of());
        RecallRequest request = new RecallRequest("fog horn", 5, null, MemorySelection.ALL, RecallMode.FULL_CONTEXT, null,
                Set.of("dense", "lexical"), true, true);
        accesses.drain();

        RecallTrace explained = recaller.explain(workspace, request);

        assertThat(accesses.drain()).as("nothing counted").isEmpty();
        assertThat(explained.channelCandidates()).containsOnlyKeys("dense", "lexical");
        assertThat(explained.channelCandidates().get("dense")).isEqualTo(2);
        assertThat(explained.channelCandidates().get("lexical")).as("only one memory says fog horn").isEqualTo(1);
        assertThat(explained.settings().channels()).containsExactlyInAnyOrder("dense", "lexical");
        assertThat(explained.settings().rerank()).isFalse();
        List<RecallResult> recalled = recaller.recall(workspace, request).results();
        assertThat(explained.response().results()).extracting(RecallResult::id)
                .containsExactlyElementsOf(recalled.stream().map(RecallResult::id).toList());
        assertThat(accesses.drain().get(workspace)).hasSize(2);
    }
}
