package com.memorylayer.query.status;

import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness, plus what the recall path runs on. */
@RestController
class HealthController {

    private final TextEmbedder embedder;
    private final WorkspaceRuntimeCache runtimes;
    private final RerankStage reranker;

    HealthController(TextEmbedder embedder, WorkspaceRuntimeCache runtimes, RerankStage reranker) {
        this.embedder = embedder;
        this.runtimes = runtimes;
        this.reranker = reranker;
    }

    @GetMapping("/healthz")
    Map<String, Object> health() {
        return Map.of("status", "ok", "service", "query-service", "embedding_model", embedder.modelName(),
                "reranker", reranker.name(), "warm_workspaces", runtimes.warmCount());
    }
}
