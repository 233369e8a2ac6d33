package com.memorylayer.query.recall;

import java.util.List;
import java.util.Map;

/**
 * @param reranker the reranking stage that ran, {@code none} when none is configured
 * @param entities the entities the query named, when the request asked for the entity channel; else null
 */
record RecallResponse(List<RecallResult> results, String reranker, long tookMs, List<Map<String, Object>> entities) {
}
