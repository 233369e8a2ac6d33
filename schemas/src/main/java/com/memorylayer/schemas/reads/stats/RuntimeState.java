package com.memorylayer.schemas.reads.stats;

/**
 * How the query service that answered holds one workspace's runtime.
 *
 * @param warm            whether its indexes are loaded
 * @param indexedMemories how many memories they hold, null when cold
 * @param lastChangeSeq   how far it has read the workspace's changes, null when cold
 * @param warmWorkspaces  how many workspaces that replica holds warm
 */
public record RuntimeState(boolean reachable, boolean warm, Integer indexedMemories, Long lastChangeSeq, String queryEmbeddingModel,
        String reranker, int warmWorkspaces) {
}
