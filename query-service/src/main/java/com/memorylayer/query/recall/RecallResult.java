package com.memorylayer.query.recall;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One recalled memory, as its row read when the recall answered.
 *
 * @param score       the fused score plus its session boost, scaled to [0, 1] (1 means best in every retrieval
 *                    channel), or the reranker's score in (0, 1) when a cross-encoder re-scored the result
 * @param status      where the memory stands (active or challenged unless the request asked for other statuses)
 * @param version     raised by every edit; an edit may name the version it expects
 * @param explanation why it ranked: each channel's rank and score, the raw fused score and what its session added
 */
record RecallResult(UUID id, String content, double score, String kind, List<String> tags, Map<String, Object> metadata,
        String sessionId, double importance, OffsetDateTime createdAt, MemoryStatus status, MemoryLayer layer,
        MemoryType memoryType, boolean pinned, int version, Explanation explanation) {

    record Explanation(Integer denseRank, Float denseScore, Integer lexicalRank, Float lexicalScore, Integer contextRank,
            Float contextScore, Integer entityRank, Float entityScore, Integer timeRank, Float timeScore, double fusedScore,
            Double sessionBoost, Double rerankScore) {
    }

    RecallResult reranked(double rerankScore) {
        return new RecallResult(id, content, rerankScore, kind, tags, metadata, sessionId, importance, createdAt, status,
                layer, memoryType, pinned, version,
                new Explanation(explanation.denseRank(), explanation.denseScore(), explanation.lexicalRank(),
                        explanation.lexicalScore(), explanation.contextRank(), explanation.contextScore(),
                        explanation.entityRank(), explanation.entityScore(), explanation.timeRank(), explanation.timeScore(),
                        explanation.fusedScore(), explanation.sessionBoost(), rerankScore));
    }
}
