package com.memorylayer.retrieval.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Each document's 1-based rank and score per channel, gathered from the channels' rankings. */
record ChannelHits(Map<UUID, Map<String, Integer>> ranksById, Map<UUID, Map<String, Float>> scoresById) {

    static ChannelHits collect(Map<String, List<ScoredId>> rankingsByChannel) {
        for (String channel : rankingsByChannel.keySet()) {
            if (channel == null) {
                throw new IllegalArgumentException("channel name must not be null");
            }
        }
        Map<UUID, Map<String, Integer>> ranksById = new HashMap<>();
        Map<UUID, Map<String, Float>> scoresById = new HashMap<>();
        // Channel name order, so the floating-point sums are the same whatever map the caller passed.
        new TreeMap<>(rankingsByChannel).forEach((channel, ranking) -> {
            if (ranking == null) {
                return;
            }
            for (int position = 0; position < ranking.size(); position++) {
                ScoredId hit = ranking.get(position);
                if (hit == null) {
                    throw new IllegalArgumentException("ranking " + channel + " has no hit at rank " + (position + 1));
                }
                Map<String, Integer> ranks = ranksById.computeIfAbsent(hit.id(), id -> new TreeMap<>());
                if (ranks.putIfAbsent(channel, position + 1) == null) {
                    scoresById.computeIfAbsent(hit.id(), id -> new TreeMap<>()).put(channel, hit.score());
                }
            }
        });
        return new ChannelHits(ranksById, scoresById);
    }
}
