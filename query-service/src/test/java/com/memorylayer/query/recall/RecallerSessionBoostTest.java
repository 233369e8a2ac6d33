package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.query.ShippedSettings;
import com.memorylayer.query.access.AccessRecorder;
import com.memorylayer.query.rerank.RerankProperties;
import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.RuntimeProperties;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemorySelection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session boost inside the real recall pipeline (real Postgres, real embedder, the recall settings bound from
 * the shipped query-service.yml, so the shipped ranking):
 * a memory said in the session that holds the best match overtakes a memory from another session that matches
 * the question better on its own. Dense and lexical channels only, so the plain order is the fused one.
 */
class RecallerSessionBoostTest {

    static final String LISBON = "We flew to Lisbon for the databases conference";
    static final String ROOFTOP = "The hotel had a rooftop pool";
    static final String BREAKFAST = "Breakfast was served until ten";
    static final String NEIGHBOURHOOD = "Our neighbourhood pool opens in June";

    static EmbeddedPostgresServer postgres;
    static BgeSmallEmbedder embedder;
    static RerankStage noReranker;
    static RecallProperties properties;
    static Recaller recaller;
    static UUID workspace;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.startTemporary();
        DSLContext dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        Migrations.migrateControlPlane(postgres.dataSource());
        embedder = BgeSmallEmbedder.load(BgeModel.INT8, Path.of("target", "model-cache"));
        noReranker = new RerankStage(new RerankProperties(Path.of("target", "no-reranker-here"), 20));
        properties = ShippedSettings.bind("memorylayer.recall", RecallProperties.class);
        WorkspaceDsl workspaces = new WorkspaceDsl(dsl);
        recaller = new Recaller(new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30)), workspaces, embedder.dimension()),
                embedder, properties, workspaces, noReranker,
                new AccessRecorder(false, Clock.systemUTC()), new OwnerRecallSlots(properties));
        workspace = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(workspace));
        DSLContext ws = workspaces.in(WorkspaceSchemaName.of(workspace));
        insert(ws, LISBON, "trip");
        insert(ws, ROOFTOP, "trip");
        insert(ws, BREAKFAST, "trip");
        insert(ws, NEIGHBOURHOOD, "home");
        insert(ws, "The car needs new tyres before winter", "home");
        insert(ws, "My sister visits in December", null);
    }

    private static void insert(DSLContext ws, String content, String session) {
        StoredMemories.insert(ws, embedder, content, session);
    }

    @AfterAll
    static void stop() {
        noReranker.close();
        embedder.close();
        postgres.close();
    }

    private static RecallResponse recall(boolean sessionBoost) {
        return recaller.recall(workspace, new RecallRequest("Was there a pool on the Lisbon conference trip?", 10,
                null, MemorySelection.ALL, RecallMode.FULL_CONTEXT, null, Set.of("dense", "lexical"), sessionBoost, true));
    }

    private static int position(RecallResponse response, String content) {
        int position = response.results().stream().map(RecallResult::content).toList().indexOf(content);
        assertThat(position).as("position of \"%s\"", content).isNotNegative();
        return position;
    }

    @Test
    void aMemoryFromTheBestMatchingSessionOvertakesABetterMatchFromAnotherSession() {
        RecallResponse plain = recall(false);
        RecallResponse boosted = recall(true);

        // On its own words the neighbourhood pool beats breakfast; breakfast was said on the trip the question
        // is about, whose Lisbon memory matches best of all.
        assertThat(position(plain, NEIGHBOURHOOD)).isLessThan(position(plain, BREAKFAST));
        assertThat(position(boosted, BREAKFAST)).isLessThan(position(boosted, NEIGHBOURHOOD));
        assertThat(boosted.results().get(0).content()).isEqualTo(LISBON);
        assertThat(boosted.results().get(1).content()).isEqualTo(ROOFTOP);
    }

    @Test
    void theExplanationSaysWhatTheSessionAddedAndScoresStayWithinOne() {
        RecallResponse boosted = recall(true);
        RecallResult rooftop = boosted.results().get(position(boosted, ROOFTOP));
        RecallResult lisbon = boosted.results().get(0);
        RecallResult neighbourhood = boosted.results().get(position(boosted, NEIGHBOURHOOD));

        // Both are in the Lisbon memory's session, so each gains the session weight times its fused score; the
        // neighbourhood pool leads its own session and gains that share of its own.
        double weight = properties.sessionWeight();
        assertThat(weight).isPositive();
        assertThat(neighbourhood.explanation().sessionBoost())
                .isCloseTo(weight * neighbourhood.explanation().fusedScore(), within(1e-9));
        assertThat(rooftop.explanation().sessionBoost()).isCloseTo(weight * lisbon.explanation().fusedScore(), within(1e-9));
        assertThat(lisbon.explanation().sessionBoost()).isCloseTo(weight * lisbon.explanation().fusedScore(), within(1e-9));
        assertThat(boosted.results()).allSatisfy(r -> assertThat(r.score()).isBetween(0.0, 1.0));
        assertThat(recall(false).results()).allSatisfy(r -> assertThat(r.explanation().sessionBoost()).isNull());
    }
}
