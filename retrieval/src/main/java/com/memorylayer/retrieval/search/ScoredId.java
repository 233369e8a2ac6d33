package com.memorylayer.retrieval.search;

import java.util.UUID;

/**
 * One search hit: a document id and how well it matched in one ranking. Scores are comparable only within the
 * ranking that produced them (a cosine and a BM25 score are on different scales), which is why channels are
 * combined by rank, not score, in {@link ReciprocalRankFusion}.
 */
public record ScoredId(UUID id, float score) {

    public ScoredId {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
    }
}
