package com.memorylayer.retrieval.search;

import java.util.UUID;

/**
 * One search hit: a document id and how well it matched in one ranking. Scores are comparable only within the
 * ranking that produced them (a cosine and a BM25 score are on different scales), which is why fusion never adds
 * raw scores across channels: {@link WeightedScoreFusion} first min-max normalises each channel's scores over its
 * own candidates, and {@link ReciprocalRankFusion} uses ranks only.
 */
public record ScoredId(UUID id, float score) {

    public ScoredId {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
    }
}
