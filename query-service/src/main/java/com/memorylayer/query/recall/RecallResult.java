package com.memorylayer.query.recall;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One recalled memory.
 *
 * @param score       the fused score scaled to (0, 1]: 1 means best in every retrieval channel
 * @param explanation why it ranked: each channel's rank and score, and the raw fused score
 */
record RecallResult(UUID id, String content, double score, String kind, List<String> tags, Map<String, Object> metadata,
        String sessionId, double importance, OffsetDateTime createdAt, Explanation explanation) {

    record Explanation(Integer denseRank, Float denseScore, Integer lexicalRank, Float lexicalScore, double fusedScore) {
    }
}
