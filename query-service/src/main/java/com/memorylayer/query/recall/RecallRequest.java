package com.memorylayer.query.recall;

import com.memorylayer.query.filter.RecallFilters;
import java.util.Set;

/**
 * A validated recall.
 *
 * @param minScore  results scoring below it are dropped (scores are in [0, 1]); null keeps all
 * @param channels  the retrieval channels to run ({@code dense}, {@code lexical}); both by default — fewer is for
 *                  ablations and for clients that want one kind of match only
 * @param sessionBoost false ranks by the fused score alone, without lifting memories whose session matched well
 * @param rerank    false skips the reranking stage (when one is configured)
 */
record RecallRequest(String query, int limit, String consistencyToken, RecallFilters filters, Double minScore,
        Set<String> channels, boolean sessionBoost, boolean rerank) {
}
