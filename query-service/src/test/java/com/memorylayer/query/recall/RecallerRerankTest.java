package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.query.access.AccessRecorder;
import com.memorylayer.query.rerank.RerankProperties;
import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.RuntimeProperties;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.rerank.CrossEncoder;
import com.memorylayer.retrieval.rerank.TinyOnnxGraph;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemorySelection;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recall pipeline with a cross-encoder stage, on a real Postgres, the real embedder and a real ONNX
 * cross-encoder file made by {@link TinyOnnxGraph} (its score is the document's token count, so the reranked
 * order is known in advance and differs from the fused order).
 */
class RecallerRerankTest {

    static EmbeddedPostgresServer postgres;
    static DSLContext dsl;
    static BgeSmallEmbedder embedder;
    static RerankStage reranker;
    static Recaller recaller;
    static UUID workspace;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.startTemporary();
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        Migrations.migrateControlPlane(postgres.dataSource());
        embedder = BgeSmallEmbedder.load(BgeModel.INT8, Path.of("target", "model-cache"));
        Path model = Files.createDirectories(Path.of("target", "tiny-reranker"));
        TinyOnnxGraph.writeDocumentLengthModel(model.resolve(CrossEncoder.MODEL_FILE));
        try (InputStream in = RecallerRerankTest.class.getClassLoader().getResourceAsStream(BgeModel.INT8.tokenizerResource())) {
            Files.copy(in, model.resolve(CrossEncoder.TOKENIZER_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        reranker = new RerankStage(new RerankProperties(model, 20));
        RecallProperties properties = new RecallProperties(0, null, 100, 10, 100, 4000, "weighted", 0.5, 0.0, 0.5, 0.0);
        WorkspaceDsl workspaces = new WorkspaceDsl(dsl);
        recaller = new Recaller(new WorkspaceRuntimeCache(new RuntimeProperties(16, Duration.ofMinutes(30)), workspaces, embedder.dimension()),
                embedder, properties, workspaces, reranker,
                new AccessRecorder(false, Clock.systemUTC()), new OwnerRecallSlots(properties));
        workspace = UUID.randomUUID();
        Migrations.migrateWorkspace(postgres.dataSource(), WorkspaceSchemaName.of(workspace));
        DSLContext ws = new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(workspace));
        for (String content : List.of("garden tomatoes", "the garden tomatoes need water every single morning in summer",
                "tomatoes in the garden")) {
            StoredMemories.insert(ws, embedder, content, null);
        }
    }

    @AfterAll
    static void stop() {
        reranker.close();
        embedder.close();
        postgres.close();
    }

    private static RecallRequest request(boolean rerank) {
        return new RecallRequest("garden tomatoes", 3, null, MemorySelection.ALL, RecallMode.FULL_CONTEXT, null,
                Set.of("dense", "lexical"), true, rerank);
    }

    @Test
    void theCrossEncoderReordersTheFusedCandidatesAndSaysSo() {
        RecallResponse response = recaller.recall(workspace, request(true));

        assertThat(response.reranker()).isEqualTo("cross-encoder:tiny-reranker");
        assertThat(response.results()).extracting(RecallResult::content).containsExactly(
                "the garden tomatoes need water every single morning in summer", "tomatoes in the garden", "garden tomatoes");
        assertThat(response.results()).allSatisfy(r -> assertThat(r.explanation().rerankScore()).isEqualTo(r.score()));
        assertThat(response.results().get(0).score()).isGreaterThan(response.results().get(1).score());
    }

    @Test
    void rerankFalseKeepsTheFusedOrder() {
        RecallResponse response = recaller.recall(workspace, request(false));

        assertThat(response.reranker()).isEqualTo("none");
        assertThat(response.results().get(0).content()).isEqualTo("garden tomatoes");
        assertThat(response.results()).allSatisfy(r -> assertThat(r.explanation().rerankScore()).isNull());
    }
}
