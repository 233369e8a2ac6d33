package com.memorylayer.query.status;

import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.reads.stats.RuntimeState;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** How this replica holds one workspace's runtime: warm or not, how much it indexes, how far it has read. */
@Component
public class RuntimeStates {

    private final TextEmbedder embedder;
    private final WorkspaceRuntimeCache runtimes;
    private final RerankStage reranker;

    RuntimeStates(TextEmbedder embedder, WorkspaceRuntimeCache runtimes, RerankStage reranker) {
        this.embedder = embedder;
        this.runtimes = runtimes;
        this.reranker = reranker;
    }

    public RuntimeState of(UUID workspaceId) {
        var runtime = runtimes.peek(workspaceId);
        return new RuntimeState(true, runtime.isPresent(), runtime.map(r -> r.size()).orElse(null),
                runtime.map(r -> r.lastChangeSeq()).orElse(null), embedder.modelName(), reranker.name(), runtimes.warmCount());
    }
}
