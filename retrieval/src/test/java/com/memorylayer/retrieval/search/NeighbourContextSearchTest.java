package com.memorylayer.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NeighbourContextSearchTest {

    private static final UUID QUESTION = new UUID(0, 1);
    private static final UUID ANSWER = new UUID(0, 2);
    private static final UUID ALONE = new UUID(0, 3);
    private static final UUID GONE = new UUID(0, 4);

    /** Unit vector at angle t in the first two dimensions. */
    private static float[] at(double t) {
        float[] v = new float[8];
        v[0] = (float) Math.cos(t);
        v[1] = (float) Math.sin(t);
        return v;
    }

    private static DenseIndex index() {
        DenseIndex dense = new DenseIndex(8);
        dense.put(QUESTION, at(0.0));  // the turn that asked, close to the query
        dense.put(ANSWER, at(1.2));    // the answer, far from the query on its own
        dense.put(ALONE, at(1.0));     // nearer than the answer, but no neighbours
        return dense;
    }

    private static NeighbourContextSearch.Neighbours chain(Map<UUID, UUID> previous, Map<UUID, UUID> next) {
        return new NeighbourContextSearch.Neighbours() {
            @Override
            public UUID previous(UUID id) {
                return previous.get(id);
            }

            @Override
            public UUID next(UUID id) {
                return next.get(id);
            }
        };
    }

    @Test
    void aTurnIsFoundThroughTheTurnBeforeIt() {
        Map<UUID, UUID> previous = new HashMap<>(Map.of(ANSWER, QUESTION));
        Map<UUID, UUID> next = new HashMap<>(Map.of(QUESTION, ANSWER));
        List<ScoredId> hits = NeighbourContextSearch.search(index(), chain(previous, next), at(0.0), 3, null, 0.5);

        assertThat(hits).extracting(ScoredId::id).containsExactly(QUESTION, ANSWER, ALONE);
        // The answer's own similarity plus half its question's.
        assertThat(hits.get(1).score()).isCloseTo((float) (Math.cos(1.2) + 0.5), within(0.02f));
        assertThat(hits.get(2).score()).isCloseTo((float) Math.cos(1.0), within(0.02f));
    }

    @Test
    void missingOrDeletedNeighboursCountZeroAndAlphaZeroIsPlainDenseSearch() {
        // ANSWER's previous memory is no longer stored; ALONE has none.
        NeighbourContextSearch.Neighbours neighbours = chain(new HashMap<>(Map.of(ANSWER, GONE)), new HashMap<>());
        DenseIndex dense = index();
        List<ScoredId> context = NeighbourContextSearch.search(dense, neighbours, at(0.0), 3, null, 0.5);
        List<ScoredId> plain = dense.search(at(0.0), 3, null);

        assertThat(context).extracting(ScoredId::id).containsExactlyElementsOf(plain.stream().map(ScoredId::id).toList());
        assertThat(NeighbourContextSearch.search(dense, neighbours, at(0.0), 3, null, 0)).isEqualTo(plain);
    }

    @Test
    void rescoringALongerDenseSearchAnswersAsTheSearchItself() {
        NeighbourContextSearch.Neighbours neighbours = chain(new HashMap<>(Map.of(ANSWER, QUESTION)), new HashMap<>(Map.of(QUESTION, ANSWER)));
        DenseIndex dense = index();
        List<ScoredId> longer = dense.search(at(0.0), NeighbourContextSearch.candidatesFor(2) + 50, null);

        assertThat(NeighbourContextSearch.rescore(dense, neighbours, longer, at(0.0), 2, 0.5))
                .isEqualTo(NeighbourContextSearch.search(dense, neighbours, at(0.0), 2, null, 0.5));
    }

    @Test
    void onlyAcceptedMemoriesAreRankedButRefusedNeighboursStillCount() {
        Map<UUID, UUID> previous = new HashMap<>(Map.of(ANSWER, QUESTION));
        List<ScoredId> hits = NeighbourContextSearch.search(index(), chain(previous, new HashMap<>()), at(0.0), 3,
                id -> !id.equals(QUESTION), 0.5);

        assertThat(hits).extracting(ScoredId::id).containsExactly(ANSWER, ALONE);
        assertThat(hits.get(0).score()).isCloseTo((float) (Math.cos(1.2) + 0.5), within(0.02f));
    }
}
