package com.memorylayer.query.recall;

import com.memorylayer.retrieval.search.RankFusion;
import com.memorylayer.retrieval.search.ReciprocalRankFusion;
import com.memorylayer.retrieval.search.SessionBoost;
import com.memorylayer.retrieval.search.WeightedScoreFusion;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param consistencyWait how long a recall with a consistency token waits for that write to be applied
 * @param candidates      how many results each channel (dense, lexical) hands to fusion
 * @param defaultLimit    results returned when the request names no limit
 * @param maxLimit        the largest limit a request may ask for
 * @param fusion          how the channels are merged: {@code weighted} (min-max normalised scores, the default,
 *                        chosen on the LoCoMo dev split) or {@code rrf} (reciprocal rank, k = 60)
 * @param denseWeight     with weighted fusion, the dense channel's weight; the lexical one gets the rest
 * @param contextWeight   with weighted fusion, the weight of the session-context dense channel (0 leaves it out)
 * @param contextAlpha    how much a memory's session neighbours count in the context channel
 * @param sessionWeight   how much of the best fused score in a memory's session is added to its own (0: none);
 *                        see {@link com.memorylayer.retrieval.search.SessionBoost}
 */
@ConfigurationProperties("memorylayer.recall")
public record RecallProperties(Duration consistencyWait, int candidates, int defaultLimit, int maxLimit, int maxQueryChars,
        String fusion, double denseWeight, double contextWeight, double contextAlpha, double sessionWeight) {

    public RecallProperties {
        if (candidates < 1 || defaultLimit < 1 || maxLimit < defaultLimit || maxQueryChars < 1) {
            throw new IllegalArgumentException("memorylayer.recall limits are inconsistent");
        }
        consistencyWait = consistencyWait == null ? Duration.ofSeconds(10) : consistencyWait;
        fusion = fusion == null ? "weighted" : fusion;
        if (!fusion.equals("weighted") && !fusion.equals("rrf")) {
            throw new IllegalArgumentException("memorylayer.recall.fusion must be 'weighted' or 'rrf', was " + fusion);
        }
        if (denseWeight < 0 || denseWeight > 1) {
            throw new IllegalArgumentException("memorylayer.recall.dense-weight must be within [0, 1], was " + denseWeight);
        }
    }

    public SessionBoost sessionBoost() {
        return new SessionBoost(sessionWeight);
    }

    public RankFusion rankFusion() {
        return fusion.equals("rrf") ? new ReciprocalRankFusion()
                : new WeightedScoreFusion(Map.of(Recaller.DENSE, denseWeight, Recaller.LEXICAL, 1 - denseWeight,
                        Recaller.CONTEXT, contextWeight));
    }
}
