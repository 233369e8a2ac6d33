package com.memorylayer.query.recall;

import com.memorylayer.retrieval.search.RankingSettings;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ranking settings ({@code candidates}, {@code fusion} and the weights) are normally left unset: each one
 * unset, or set empty (as {@code query-service.yml} does when its environment variable is absent), takes its value
 * from {@link RankingSettings#SHIPPED}, the one place the shipped ranking is written, so that the service, the
 * bench lab and the tests cannot drift apart.
 *
 * @param maxConcurrentPerOwner recalls of one owner's workspaces running at once (0: half the cores, at least 1)
 * @param maxOwnerWait    how long a recall waits for one of its owner's slots before answering 503
 * @param candidates      how many results each channel (dense, context, lexical) hands to fusion; a request whose
 *                        limit is larger gets its limit
 * @param defaultLimit    results returned when the request names no limit
 * @param maxLimit        the largest limit a request may ask for
 * @param maxQueryChars   the longest query accepted
 * @param fusion          how the channels are merged: {@code weighted} (min-max normalised scores) or {@code rrf}
 *                        (reciprocal rank, k = 60)
 * @param denseWeight     with weighted fusion, the dense channel's weight; the lexical one gets the rest of 1
 * @param contextWeight   with weighted fusion, the weight of the session-context dense channel (0 leaves it out of
 *                        the default channels)
 * @param contextAlpha    how much a memory's session neighbours count in the context channel
 * @param sessionWeight   how much of the best fused score in a memory's session is added to its own (0: none);
 *                        see {@link com.memorylayer.retrieval.search.SessionBoost}
 */
@ConfigurationProperties("memorylayer.recall")
public record RecallProperties(int maxConcurrentPerOwner, Duration maxOwnerWait, Integer candidates, int defaultLimit, int maxLimit,
        int maxQueryChars, String fusion, Double denseWeight, Double contextWeight, Double contextAlpha,
        Double sessionWeight) {

    public RecallProperties {
        RankingSettings shipped = RankingSettings.SHIPPED;
        maxOwnerWait = maxOwnerWait == null ? Duration.ofSeconds(5) : maxOwnerWait;
        candidates = candidates == null ? shipped.candidates() : candidates;
        fusion = fusion == null || fusion.isBlank() ? shipped.fusion().name().toLowerCase(Locale.ROOT) : fusion;
        denseWeight = denseWeight == null ? shipped.denseWeight() : denseWeight;
        contextWeight = contextWeight == null ? shipped.contextWeight() : contextWeight;
        contextAlpha = contextAlpha == null ? shipped.contextAlpha() : contextAlpha;
        sessionWeight = sessionWeight == null ? shipped.sessionWeight() : sessionWeight;
        if (candidates < 1 || defaultLimit < 1 || maxLimit < defaultLimit || maxQueryChars < 1) {
            throw new IllegalArgumentException("memorylayer.recall limits are inconsistent");
        }
        if (!fusion.equals("weighted") && !fusion.equals("rrf")) {
            throw new IllegalArgumentException("memorylayer.recall.fusion must be 'weighted' or 'rrf', was " + fusion);
        }
        if (denseWeight < 0 || denseWeight > 1) {
            throw new IllegalArgumentException("memorylayer.recall.dense-weight must be within [0, 1], was " + denseWeight);
        }
    }

    /** What the service ranks with: these settings, BM25's parameters as shipped. */
    public RankingSettings ranking() {
        RankingSettings shipped = RankingSettings.SHIPPED;
        return new RankingSettings(RankingSettings.Fusion.valueOf(fusion.toUpperCase(Locale.ROOT)), candidates,
                denseWeight, contextWeight, contextAlpha, sessionWeight, shipped.bm25K1(), shipped.bm25B());
    }
}
