package com.memorylayer.retrieval.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Dense search that reads each memory in the context of its neighbours: a candidate's score is its own
 * similarity plus {@code alpha} times that of the memories just before and after it
 * ({@code cos(q, v + α·v_prev + α·v_next)} up to scale, which is linear in the three similarities, so no extra
 * vectors are stored). A turn that answers the question asked in the turn before it is found through that
 * question's words. Candidates are the plain dense search's best {@code max(3k, 300)}.
 */
public final class NeighbourContextSearch {

    /** Which memory came just before and just after another; null where there is none. */
    public interface Neighbours {

        UUID previous(UUID id);

        UUID next(UUID id);
    }

    private NeighbourContextSearch() {
    }

    /** How many of the plain dense search's best a context search for {@code k} re-scores. */
    public static int candidatesFor(int k) {
        return Math.max(3 * k, 300);
    }

    /**
     * @param accept only ids it accepts are ranked (neighbours still count); null accepts all
     * @return the {@code k} best, best first (ties: smaller id first)
     */
    public static List<ScoredId> search(DenseIndex dense, Neighbours neighbours, float[] query, int k, Predicate<UUID> accept,
            double alpha) {
        return rescore(dense, neighbours, dense.search(query, candidatesFor(k), accept), query, k, alpha);
    }

    /**
     * The context search over candidates a plain dense search already found (its best {@link #candidatesFor}{@code
     * (k)}, best first, with the same filter): a recall that runs both channels scans the vectors once.
     */
    public static List<ScoredId> rescore(DenseIndex dense, Neighbours neighbours, List<ScoredId> candidates, float[] query,
            int k, double alpha) {
        candidates = candidates.subList(0, Math.min(candidates.size(), candidatesFor(k)));
        // Similarities of the neighbours that exist, looked up in one pass; slot -1 marks a missing neighbour.
        List<UUID> lookups = new ArrayList<>(candidates.size() * 2);
        int[] slots = new int[candidates.size() * 2];
        for (int i = 0; i < candidates.size(); i++) {
            UUID id = candidates.get(i).id();
            slots[2 * i] = slotOf(neighbours.previous(id), lookups);
            slots[2 * i + 1] = slotOf(neighbours.next(id), lookups);
        }
        float[] similarities = dense.similarities(lookups, query);
        List<ScoredId> scored = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            double score = candidates.get(i).score()
                    + alpha * (similarity(similarities, slots[2 * i]) + similarity(similarities, slots[2 * i + 1]));
            scored.add(new ScoredId(candidates.get(i).id(), (float) score));
        }
        scored.sort(Comparator.comparingDouble(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return scored.subList(0, Math.min(k, scored.size()));
    }

    private static int slotOf(UUID neighbour, List<UUID> lookups) {
        if (neighbour == null) {
            return -1;
        }
        lookups.add(neighbour);
        return lookups.size() - 1;
    }

    /** A missing neighbour, or one no longer stored (deleted), counts 0. */
    private static float similarity(float[] similarities, int slot) {
        return slot < 0 || Float.isNaN(similarities[slot]) ? 0 : similarities[slot];
    }
}
