package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.query.ShippedSettings;
import com.memorylayer.query.runtime.RuntimeProperties;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
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
 * Skill selection's formulas, and its decision on real bge-small vectors in a real Postgres: a how-to task gets
 * the procedure for it, an unrelated task gets nothing.
 */
class SkillSelectionTest {

    static EmbeddedPostgresServer postgres;
    static BgeSmallEmbedder embedder;
    static WorkspaceDsl workspaces;
    static WorkspaceRuntimeCache runtimes;
    static SkillSelection selection;
    static UUID workspace;
    static UUID deploy;
    static UUID rollback;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        DSLContext dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        Migrations.migrateControlPlane(postgres.dataSource());
        embedder = BgeSmallEmbedder.load(BgeModel.INT8, Path.of("target", "model-cache"));
        workspaces = new WorkspaceDsl(dsl);
        runtimes = new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30)), workspaces, embedder.dimension());
        selection = new SkillSelection(runtimes, embedder, workspaces,
                new OwnerRecallSlots(ShippedSettings.bind("memorylayer.recall", RecallProperties.class)));
        workspace = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(workspace));
        DSLContext ws = workspaces.in(WorkspaceSchemaName.of(workspace));
        Map<org.jooq.Field<?>, ?> procedure = Map.of(MEMORIES.MEMORY_TYPE, MemoryType.PROCEDURE.wire(), MEMORIES.LAYER,
                MemoryLayer.PROCEDURAL.wire());
        deploy = StoredMemories.insert(ws, embedder, "How to deploy the billing service: run make release, then promote the "
                + "build in Spinnaker and watch the error dashboard for ten minutes.", null, procedure);
        rollback = StoredMemories.insert(ws, embedder, "To roll back the billing service, revert the release tag and run make "
                + "release again.", null, procedure);
        StoredMemories.insert(ws, embedder, "Priya Sharma leads the billing team in Berlin.", null,
                Map.of(MEMORIES.LAYER, MemoryLayer.SEMANTIC.wire(), MEMORIES.MEMORY_TYPE, MemoryType.FACT.wire()));
        StoredMemories.insert(ws, embedder, "The billing service had an outage in April after a schema change.", null);
        StoredMemories.insert(ws, embedder, "Tomatoes in the garden need water every morning.", null);
        StoredMemories.insert(ws, embedder, "The sourdough starter is fed with rye flour every evening.", null);
    }

    @AfterAll
    static void stop() {
        runtimes.close();
        embedder.close();
        postgres.close();
    }

    private static SkillSelection.Answer select(String query) {
        return selection.select(workspace, query, MemorySelection.ALL.withDefaultStatus(MemoryStatus.RECALLED_BY_DEFAULT), 3);
    }

    @Test
    void aHowToTaskGetsItsProcedure() {
        SkillSelection.Answer answer = select("how do I deploy the billing service?");
        assertThat(answer.shouldInject()).as(answer.toString()).isTrue();
        assertThat(answer.confidence()).isGreaterThanOrEqualTo(SkillSelection.MIN_CONFIDENCE);
        assertThat(answer.skills()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(answer.skills().getFirst().id()).isEqualTo(deploy);
        assertThat(answer.skills()).extracting(SkillSelection.Skill::id).doesNotHaveDuplicates().isSubsetOf(deploy, rollback);
    }

    @Test
    void anUnrelatedTaskGetsNothing() {
        SkillSelection.Answer answer = select("what should I cook for dinner with pasta and mushrooms?");
        assertThat(answer.shouldInject()).as(answer.toString()).isFalse();
        assertThat(answer.skills()).isEmpty();
        assertThat(answer.reason()).isNotBlank();
    }

    @Test
    void filtersThatLeaveNoProcedureOrSemanticMemoryInjectNothing() {
        SkillSelection.Answer answer = selection.select(workspace, "how do I deploy the billing service?",
                MemorySelection.ALL.withDefaultStatus(java.util.Set.of(MemoryStatus.FORGOTTEN)), 3);
        assertThat(answer.shouldInject()).isFalse();
        assertThat(answer.domainCoverage()).isZero();
    }

    private static List<ScoredId> scores(double... scores) {
        return java.util.Arrays.stream(scores).mapToObj(s -> new ScoredId(UUID.randomUUID(), (float) s)).toList();
    }

    @Test
    void theFormulasAreTheEnginesWithRelevanceQualityClamped() {
        assertThat(SkillSelection.novelty(List.of())).isEqualTo(1);
        assertThat(SkillSelection.novelty(scores(0.65, 0.65))).isCloseTo(0.5, within(1e-6));
        assertThat(SkillSelection.coverage(scores(0.9, 0.8, 0.5, 0.5, 0.5))).as("two stand out").isCloseTo(2 / 3.0, within(1e-9));
        assertThat(SkillSelection.coverage(scores(0.6, 0.6))).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(SkillSelection.injectScore(0.5, 0.5)).isCloseTo(0.6 * 0.5 + 0.3 * 0.5 + 0.15, within(1e-9));
        assertThat(SkillSelection.injectScore(0.3, 0.9)).as("no bonus at 0.3 coverage").isCloseTo(0.18 + 0.27, within(1e-9));
        assertThat(SkillSelection.confidence(0.5, 0.55)).isCloseTo(0.15 + 0.165, within(1e-9));
        assertThat(SkillSelection.confidence(1, 0.95)).as("quality counts at most 1, not 2.67").isCloseTo(0.985, within(1e-9));
        assertThat(SkillSelection.relevant(scores(0.9, 0.8, 0.7, 0.5), 3)).as("top 30% of the range").hasSize(2);
        assertThat(SkillSelection.relevant(scores(0.25, 0.2), 3)).as("below 0.3").isEmpty();
    }
}
