package com.memorylayer.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Merges rankings from several search channels (e.g. dense and lexical) into one, by reciprocal rank fusion
 * (Cormack, Clarke and Büttcher, 2009):
 *
 * <pre>score(d) = Σ_c 1 / (k + rank_c(d))</pre>
 *
 * <p>summed over the channels {@code c} whose ranking contains {@code d}, with {@code rank_c(d)} starting at 1.
 * Only ranks are used, never the channels' own scores, which live on unrelated scales (cosine vs BM25).
 * A larger {@code k} flattens the difference between top and lower ranks; 60 is the value from the paper and
 * works well without tuning.
 *
 * <p>Not the shipped fusion ({@link WeightedScoreFusion} is; see {@link RankingSettings#SHIPPED}): the query service
 * uses this one only with {@code memorylayer.recall.fusion: rrf}, and then with {@link #DEFAULT_K}.
 *
 * <p>Ties are broken by the best single-channel rank, then by id, so the same input always gives the same
 * order. If an id appears twice in one channel, its first (best) position counts. Immutable and thread-safe.
 */
public final class ReciprocalRankFusion implements RankFusion {

    public static final int DEFAULT_K = 60;

    private final int k;

    public ReciprocalRankFusion() {
        this(DEFAULT_K);
    }

    public ReciprocalRankFusion(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    @Override
    public double bestPossibleScore(Set<String> channels) {
        return channels.size() / (double) (k + 1);
    }

    @Override
    public List<FusedHit> fuse(Map<String, List<ScoredId>> rankingsByChannel, int limit) {
        if (rankingsByChannel == null) {
            throw new IllegalArgumentException("rankings must not be null");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        ChannelHits hits = ChannelHits.collect(rankingsByChannel);
        Map<UUID, Map<String, Integer>> ranksById = hits.ranksById();
        Map<UUID, Map<String, Float>> scoresById = hits.scoresById();
        List<FusedHit> fused = new ArrayList<>(ranksById.size());
        ranksById.forEach((id, ranks) -> {
            double score = 0;
            for (int rank : ranks.values()) {
                score += 1.0 / (k + rank);
            }
            fused.add(new FusedHit(id, score, ranks, scoresById.get(id)));
        });
        fused.sort(RankFusion.BEST_FIRST);
        return List.copyOf(fused.subList(0, Math.min(limit, fused.size())));
    }
}
