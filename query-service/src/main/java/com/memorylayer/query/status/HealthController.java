package com.memorylayer.query.status;

import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.reads.stats.RuntimeState;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Liveness, plus what the recall path runs on. */
@RestController
class HealthController {

    private final TextEmbedder embedder;
    private final WorkspaceRuntimeCache runtimes;
    private final RerankStage reranker;
    private final RuntimeStates states;

    HealthController(TextEmbedder embedder, WorkspaceRuntimeCache runtimes, RerankStage reranker, RuntimeStates states) {
        this.states = states;
        this.embedder = embedder;
        this.runtimes = runtimes;
        this.reranker = reranker;
    }

    /** One workspace's runtime as this service holds it: warm or not, how much it indexes, how far it has read. */
    @GetMapping("/internal/v1/workspaces/{workspaceId}/runtime")
    RuntimeState runtime(@PathVariable UUID workspaceId) {
        return states.of(workspaceId);
    }

    @GetMapping("/healthz")
    Map<String, Object> health() {
        return Map.of("status", "ok", "service", "query-service", "embedding_model", embedder.modelName(),
                "reranker", reranker.name(), "warm_workspaces", runtimes.warmCount(), "max_warm_workspaces", runtimes.maxWarm());
    }
}
