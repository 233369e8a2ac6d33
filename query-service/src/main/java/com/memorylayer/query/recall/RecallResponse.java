package com.memorylayer.query.recall;

import java.util.List;
import java.util.Map;

/**
 * @param reranker the reranking stage that ran, {@code none} when none is configured
 * @param entities the entities the query named, when the request asked for the entity channel; else null
 * @param timeWindow the time the query named, resolved ({@code from}, {@code to}, {@code expression}), when the time
 *                   channel ran and found one; else null
 */
record RecallResponse(List<RecallResult> results, String reranker, long tookMs, List<Map<String, Object>> entities,
        Map<String, Object> timeWindow) {

    RecallResponse(List<RecallResult> results, String reranker, long tookMs, List<Map<String, Object>> entities) {
        this(results, reranker, tookMs, entities, null);
    }
}
