package com.memorylayer.query.recall;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One recalled memory.
 *
 * @param score       the fused score plus its session boost, scaled to [0, 1] (1 means best in every retrieval
 *                    channel), or the reranker's score in (0, 1) when a cross-encoder re-scored the result
 * @param explanation why it ranked: each channel's rank and score, the raw fused score and what its session added
 */
record RecallResult(UUID id, String content, double score, String kind, List<String> tags, Map<String, Object> metadata,
        String sessionId, double importance, OffsetDateTime createdAt, Explanation explanation) {

    record Explanation(Integer denseRank, Float denseScore, Integer lexicalRank, Float lexicalScore, Integer contextRank,
            Float contextScore, double fusedScore, Double sessionBoost, Double rerankScore) {
    }

    RecallResult reranked(double rerankScore) {
        return new RecallResult(id, content, rerankScore, kind, tags, metadata, sessionId, importance, createdAt,
                new Explanation(explanation.denseRank(), explanation.denseScore(), explanation.lexicalRank(),
                        explanation.lexicalScore(), explanation.contextRank(), explanation.contextScore(),
                        explanation.fusedScore(), explanation.sessionBoost(), rerankScore));
    }
}
