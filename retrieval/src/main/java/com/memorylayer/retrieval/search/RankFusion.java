package com.memorylayer.retrieval.search;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Merges the rankings of several search channels into one ranking. */
public interface RankFusion {

    /** Best first; ties by best single-channel rank, then id, so the same input always gives the same order. */
    Comparator<FusedHit> BEST_FIRST = Comparator.comparingDouble(FusedHit::score)
            .reversed()
            .thenComparingInt(FusedHit::bestRank)
            .thenComparing(FusedHit::id);

    /**
     * Fuses the rankings, each best first, and returns the best {@code limit} documents, best first.
     *
     * @param rankingsByChannel channel name to that channel's ranking; a missing or empty ranking contributes nothing
     */
    List<FusedHit> fuse(Map<String, List<ScoredId>> rankingsByChannel, int limit);

    /** The score a document first in every one of {@code channels} gets, to scale scores into (0, 1]. */
    double bestPossibleScore(Set<String> channels);
}
