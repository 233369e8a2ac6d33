package com.memorylayer.retrieval.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Lifts fused candidates by how well the best candidate of their session matched:
 *
 * <pre>score'(d) = score(d) + w · max { score(e) : e a candidate in d's session }</pre>
 *
 * <p>Why: what answers a question is usually said near other things about the same subject, in the same
 * conversation. A memory whose session holds the clearest match is a likelier answer than an equally scored
 * memory from an unrelated session. Measured on the LoCoMo dev split (docs/benchmarks.md) this lifts R@10 by
 * about five points; the best memory of each session keeps its own order among the others.
 *
 * <p>A memory without a session is its own session, so its boost is {@code w} times its own score. Immutable and
 * thread-safe.
 */
public final class SessionBoost {

    /** A fused candidate with the amount its session added. */
    public record Boosted(FusedHit hit, double boost) {

        public double score() {
            return hit.score() + boost;
        }
    }

    private static final Comparator<Boosted> BEST_FIRST = Comparator.comparingDouble(Boosted::score).reversed()
            .thenComparing(Boosted::hit, RankFusion.BEST_FIRST);

    private final double weight;

    /** @param weight {@code w} above, ≥ 0; 0 leaves every score and the order as they were */
    public SessionBoost(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("session boost weight must be a finite number >= 0, got " + weight);
        }
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    /** The factor the best possible fused score grows by, to keep scores scaled into (0, 1]. */
    public double scale() {
        return 1 + weight;
    }

    /**
     * @param hits      fused candidates, any order
     * @param sessionOf the session of a candidate, or null for none
     * @return the candidates with their boosts, best first
     */
    public List<Boosted> apply(List<FusedHit> hits, Function<UUID, String> sessionOf) {
        // Each session is read once, so both passes agree even if a memory's facts change meanwhile.
        String[] sessions = new String[hits.size()];
        Map<String, Double> bestBySession = new HashMap<>();
        for (int i = 0; i < hits.size(); i++) {
            sessions[i] = sessionOf.apply(hits.get(i).id());
            if (sessions[i] != null) {
                bestBySession.merge(sessions[i], hits.get(i).score(), Math::max);
            }
        }
        List<Boosted> boosted = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            FusedHit hit = hits.get(i);
            double best = sessions[i] == null ? hit.score() : bestBySession.get(sessions[i]);
            boosted.add(new Boosted(hit, weight * best));
        }
        boosted.sort(BEST_FIRST);
        return boosted;
    }
}
