package com.memorylayer.schemas.reads.stats;

import java.util.Map;

/**
 * Whether a workspace is whole: {@code ok} when every memory has a searchable vector and every entity a memory,
 * else {@code degraded}.
 *
 * @param embeddingModels memories per model that embedded them
 */
public record WorkspaceHealth(String status, RuntimeState runtime, int memoriesWithoutVectors, int entitiesWithoutMemories,
        Map<String, Integer> embeddingModels) {
}
