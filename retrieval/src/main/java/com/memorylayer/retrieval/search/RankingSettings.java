package com.memorylayer.retrieval.search;

import java.util.Map;

/**
 * Every number that decides how recall ranks: which fusion, how many candidates each channel hands to it, the
 * channels' weights, the context channel's neighbour weight, the session boost, and BM25's parameters.
 *
 * <p>{@link #SHIPPED} is what the product runs. It lives here, once, because three parties must agree on it: the
 * query service falls back to it for each {@code memorylayer.recall} ranking setting left unset, the bench lab
 * ranks with it, and the tests that pin shipped behaviour read it. Changing a value here changes all three.
 *
 * <p>The shipped values were chosen on the LoCoMo dev split (docs/benchmarks.md). The channel weights there were
 * dense : lexical : context = 0.3 : 0.5 : 0.2; here they are written as dense 0.375 and lexical 0.625 (sharing 1)
 * plus context 0.25, the same proportions, which rank identically because weighted fusion is linear in the
 * weights (and the query service divides fused scores by the weights' sum).
 *
 * @param fusion        how channel rankings are merged
 * @param candidates    how many hits each channel hands to fusion (a recall asking for more gets its limit)
 * @param denseWeight   with weighted fusion, the dense channel's weight; the lexical one gets {@code 1 − denseWeight}
 * @param contextWeight with weighted fusion, the weight of the session-context channel; at 0 the query service
 *                      does not search that channel unless a request names it
 * @param contextAlpha  how much a memory's session neighbours count in the context channel
 *                      ({@link NeighbourContextSearch})
 * @param sessionWeight the share of the best fused score in a memory's session added to its own ({@link SessionBoost});
 *                      0 turns the boost off
 * @param bm25K1        BM25's term-frequency saturation; {@code new LexicalIndex()} scores with the shipped one
 * @param bm25B         BM25's length normalisation; likewise
 */
public record RankingSettings(Fusion fusion, int candidates, double denseWeight, double contextWeight, double contextAlpha,
        double sessionWeight, float bm25K1, float bm25B) {

    /** The channel names the fusion weights are keyed by. */
    public static final String DENSE = "dense";
    public static final String LEXICAL = "lexical";
    public static final String CONTEXT = "context";

    public static final RankingSettings SHIPPED = new RankingSettings(Fusion.WEIGHTED, 100, 0.375, 0.25, 0.5, 0.7, 0.6f, 0.3f);

    public enum Fusion {
        /** {@link WeightedScoreFusion}: weighted min-max normalised scores. */
        WEIGHTED,
        /** {@link ReciprocalRankFusion} with its default k; the weights are not used. */
        RRF
    }

    public RankingSettings {
        if (fusion == null) {
            throw new IllegalArgumentException("fusion must not be null");
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
        }
        if (!(denseWeight >= 0 && denseWeight <= 1)) {
            throw new IllegalArgumentException("dense weight must be within [0, 1], was " + denseWeight);
        }
    }

    public RankingSettings withContextAlpha(double alpha) {
        return new RankingSettings(fusion, candidates, denseWeight, contextWeight, alpha, sessionWeight, bm25K1, bm25B);
    }

    public RankingSettings withSessionWeight(double weight) {
        return new RankingSettings(fusion, candidates, denseWeight, contextWeight, contextAlpha, weight, bm25K1, bm25B);
    }

    public RankFusion rankFusion() {
        return switch (fusion) {
            case RRF -> new ReciprocalRankFusion();
            case WEIGHTED -> new WeightedScoreFusion(Map.of(DENSE, denseWeight, LEXICAL, 1 - denseWeight, CONTEXT, contextWeight));
        };
    }

    public SessionBoost sessionBoost() {
        return new SessionBoost(sessionWeight);
    }
}
