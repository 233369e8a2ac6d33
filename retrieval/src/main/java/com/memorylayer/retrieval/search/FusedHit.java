package com.memorylayer.retrieval.search;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One document after a {@link RankFusion} ({@link WeightedScoreFusion} or {@link ReciprocalRankFusion}): its fused
 * score and, per channel it appeared in, its 1-based rank and that channel's own score (kept so callers can
 * explain or re-weigh a result). Maps iterate in channel name order.
 */
public record FusedHit(UUID id, double score, Map<String, Integer> ranks, Map<String, Float> channelScores) {

    public FusedHit {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        if (ranks == null || ranks.isEmpty()) {
            throw new IllegalArgumentException("hit " + id + " must have a rank in at least one channel");
        }
        if (channelScores == null || !channelScores.keySet().equals(ranks.keySet())) {
            throw new IllegalArgumentException("hit " + id + " has ranks in " + ranks.keySet()
                    + " but scores in " + (channelScores == null ? null : channelScores.keySet()));
        }
        ranks.forEach((channel, rank) -> {
            if (rank == null || rank < 1) {
                throw new IllegalArgumentException("rank of " + id + " in " + channel + " must be >= 1, got " + rank);
            }
        });
        ranks = Collections.unmodifiableSortedMap(new TreeMap<>(ranks));
        channelScores = Collections.unmodifiableSortedMap(new TreeMap<>(channelScores));
    }

    /** The best (smallest) rank the document had in any channel. */
    public int bestRank() {
        return Collections.min(ranks.values());
    }
}
