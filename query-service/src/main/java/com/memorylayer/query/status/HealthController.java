package com.memorylayer.query.status;

import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import java.util.LinkedHashMap;
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

    HealthController(TextEmbedder embedder, WorkspaceRuntimeCache runtimes, RerankStage reranker) {
        this.embedder = embedder;
        this.runtimes = runtimes;
        this.reranker = reranker;
    }

    /** One workspace's runtime as this service holds it: warm or not, how much it indexes, how far it has read. */
    @GetMapping("/internal/v1/workspaces/{workspaceId}/runtime")
    Map<String, Object> runtime(@PathVariable UUID workspaceId) {
        Map<String, Object> state = new LinkedHashMap<>();
        var runtime = runtimes.peek(workspaceId);
        state.put("warm", runtime.isPresent());
        state.put("indexed_memories", runtime.map(r -> (Object) r.size()).orElse(null));
        state.put("last_change_seq", runtime.map(r -> (Object) r.lastChangeSeq()).orElse(null));
        state.put("query_embedding_model", embedder.modelName());
        state.put("reranker", reranker.name());
        state.put("warm_workspaces", runtimes.warmCount());
        return state;
    }

    @GetMapping("/healthz")
    Map<String, Object> health() {
        return Map.of("status", "ok", "service", "query-service", "embedding_model", embedder.modelName(),
                "reranker", reranker.name(), "warm_workspaces", runtimes.warmCount());
    }
}
