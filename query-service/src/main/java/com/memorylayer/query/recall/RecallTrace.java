package com.memorylayer.query.recall;

import java.util.List;
import java.util.Map;

/**
 * A recall and what it saw on the way, for {@code recall/explain}.
 *
 * @param channelCandidates per channel run, how many candidates it handed to fusion (after the request's filters)
 * @param settings          what the recall ranked with
 */
record RecallTrace(RecallResponse response, Map<String, Integer> channelCandidates, Settings settings) {

    /**
     * @param fusion             {@code weighted} or {@code rrf}
     * @param weights            per channel run, its fusion weight; null under reciprocal rank fusion, which has none
     * @param candidates         how many candidates each channel was asked for
     * @param sessionBoostWeight the share of a session's best fused score its memories gained (0: boost off)
     * @param rerank             whether a cross-encoder re-scored the candidates
     * @param reranker           its name, {@code none} when none ran
     * @param channels           the channels run, in the order they ran
     */
    record Settings(String fusion, Map<String, Double> weights, int candidates, double sessionBoostWeight, boolean rerank,
            String reranker, List<String> channels) {
    }
}
