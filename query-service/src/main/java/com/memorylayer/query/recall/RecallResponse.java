package com.memorylayer.query.recall;

import java.util.List;

/**
 * @param reranker the reranking stage that ran, {@code none} when none is configured
 */
record RecallResponse(List<RecallResult> results, String reranker, long tookMs) {
}
