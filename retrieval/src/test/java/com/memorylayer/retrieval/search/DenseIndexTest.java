package com.memorylayer.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DenseIndexTest {

    private static final UUID EAST = id(1);
    private static final UUID NORTH_EAST = id(2);
    private static final UUID NORTH = id(3);
    private static final UUID WEST = id(4);

    private final DenseIndex index = new DenseIndex(2);

    @Test
    void returnsTheExactTopKBestFirstWithCosineScores() {
        putCompass();

        List<ScoredId> hits = index.search(new float[] {1, 0.1f}, 3, null);

        assertThat(hits).extracting(ScoredId::id).containsExactly(EAST, NORTH_EAST, NORTH);
        double queryNorm = Math.hypot(1, 0.1);
        assertThat(hits.get(0).score()).isCloseTo((float) (1 / queryNorm), within(1e-6f));
        assertThat(hits.get(1).score()).isCloseTo((float) (1.1 / Math.sqrt(2) / queryNorm), within(1e-6f));
        assertThat(hits.get(2).score()).isCloseTo((float) (0.1 / queryNorm), within(1e-6f));
    }

    @Test
    void vectorsAreComparedByDirectionNotLength() {
        index.put(EAST, new float[] {100, 0});
        index.put(NORTH_EAST, new float[] {0.01f, 0.01f});

        assertThat(index.search(new float[] {1, 1}, 2, null))
                .extracting(ScoredId::id)
                .containsExactly(NORTH_EAST, EAST);
    }

    @Test
    void putUnderAnExistingIdReplacesTheVector() {
        putCompass();

        index.put(WEST, new float[] {1, 0.05f});

        assertThat(index.size()).isEqualTo(4);
        assertThat(index.search(new float[] {1, 0}, 2, null)).extracting(ScoredId::id).containsExactly(EAST, WEST);
    }

    @Test
    void removedIdsAreNeverReturnedAndTheOthersStayCorrect() {
        putCompass();

        assertThat(index.remove(EAST)).isTrue();
        assertThat(index.remove(EAST)).isFalse();

        assertThat(index.size()).isEqualTo(3);
        List<ScoredId> hits = index.search(new float[] {1, 0}, 10, null);
        assertThat(hits).extracting(ScoredId::id).containsExactly(NORTH_EAST, NORTH, WEST);
        // WEST was moved into EAST's slot: its vector must have moved with it.
        assertThat(hits.get(2).score()).isCloseTo(-1f, within(1e-6f));
    }

    @Test
    void removingEveryIdLeavesAnEmptyIndexThatAcceptsNewVectors() {
        putCompass();
        for (UUID id : List.of(NORTH, EAST, WEST, NORTH_EAST)) {
            index.remove(id);
        }

        assertThat(index.search(new float[] {1, 0}, 5, null)).isEmpty();
        index.put(NORTH, new float[] {0, 1});
        assertThat(index.search(new float[] {1, 0}, 5, null)).extracting(ScoredId::id).containsExactly(NORTH);
    }

    @Test
    void theAcceptFilterExcludesIdsButStillFillsK() {
        putCompass();

        List<ScoredId> hits = index.search(new float[] {1, 0}, 2, id -> !id.equals(EAST));

        assertThat(hits).extracting(ScoredId::id).containsExactly(NORTH_EAST, NORTH);
    }

    @Test
    void equalScoresAreOrderedById() {
        index.put(id(9), new float[] {1, 0});
        index.put(id(5), new float[] {2, 0});
        index.put(id(7), new float[] {3, 0});

        assertThat(index.search(new float[] {1, 0}, 2, null)).extracting(ScoredId::id).containsExactly(id(5), id(7));
    }

    @Test
    void agreesWithABruteForceRankingAcrossGrowthAndRemovals() {
        DenseIndex big = new DenseIndex(16);
        Random random = new Random(42);
        float[][] vectors = new float[500][16];
        for (int i = 0; i < vectors.length; i++) {
            for (int d = 0; d < 16; d++) {
                vectors[i][d] = (float) random.nextGaussian();
            }
            big.put(id(i), vectors[i]);
        }
        Set<Integer> removed = Set.of(3, 77, 250, 499);
        removed.forEach(i -> big.remove(id(i)));
        float[] query = vectors[10];

        List<UUID> expected = java.util.stream.IntStream.range(0, vectors.length)
                .filter(i -> !removed.contains(i))
                .boxed()
                .sorted((a, b) -> Double.compare(cosine(query, vectors[b]), cosine(query, vectors[a])))
                .limit(20)
                .map(DenseIndexTest::id)
                .toList();
        assertThat(big.size()).isEqualTo(496);
        List<ScoredId> hits = big.search(query, 20, null);
        assertThat(hits).extracting(ScoredId::id).containsExactlyInAnyOrderElementsOf(expected);
        // The 8-bit codes may swap neighbours whose exact cosines are closer than the quantisation error.
        for (int i = 0; i + 1 < hits.size(); i++) {
            double better = cosine(query, vectors[slotOf(hits.get(i))]);
            double worse = cosine(query, vectors[slotOf(hits.get(i + 1))]);
            assertThat(better).isGreaterThan(worse - 0.01);
        }
    }

    private static int slotOf(ScoredId hit) {
        return (int) hit.id().getLeastSignificantBits();
    }

    @Test
    void aVectorOfTheWrongDimensionIsRejectedWithBothSizes() {
        assertThatThrownBy(() -> index.put(EAST, new float[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 dimensions")
                .hasMessageContaining("holds 2");
        assertThatThrownBy(() -> index.search(new float[] {1, 0}, 0, null)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new DenseIndex(0)).hasMessageContaining("got 0");
    }

    private void putCompass() {
        index.put(EAST, new float[] {1, 0});
        index.put(NORTH_EAST, new float[] {1, 1});
        index.put(NORTH, new float[] {0, 1});
        index.put(WEST, new float[] {-1, 0});
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static UUID id(int n) {
        return new UUID(0, n);
    }

    @Test
    void quantisedScoresStayWithinHalfAPercentOfTheExactCosine() {
        java.util.Random random = new java.util.Random(11);
        DenseIndex index = new DenseIndex(384);
        float[][] vectors = new float[500][384];
        for (int v = 0; v < vectors.length; v++) {
            for (int d = 0; d < 384; d++) {
                vectors[v][d] = (float) random.nextGaussian();
            }
            index.put(new java.util.UUID(0, v), vectors[v]);
        }
        float[] query = new float[384];
        for (int d = 0; d < 384; d++) {
            query[d] = (float) random.nextGaussian();
        }
        java.util.List<java.util.UUID> ids = java.util.stream.IntStream.range(0, vectors.length)
                .mapToObj(v -> new java.util.UUID(0, v)).toList();
        float[] scores = index.similarities(ids, query);
        for (int v = 0; v < vectors.length; v++) {
            assertThat(scores[v]).isCloseTo((float) cosine(query, vectors[v]), within(0.005f));
        }
    }

    @Test
    void aShorterSearchIsTheStartOfALongerOneAndSearchAmongAnswersAsTheFilteredScan() {
        java.util.Random random = new java.util.Random(11);
        DenseIndex index = new DenseIndex(16);
        java.util.List<java.util.UUID> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            float[] vector = new float[16];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            java.util.UUID id = new java.util.UUID(0, i);
            index.put(id, vector);
            stored.add(id);
        }
        float[] query = new float[16];
        for (int d = 0; d < query.length; d++) {
            query[d] = (float) random.nextGaussian();
        }
        java.util.function.Predicate<java.util.UUID> odd = id -> id.getLeastSignificantBits() % 2 == 1;
        // What a recall's dense channel takes from the scan it shares with the context channel.
        java.util.List<ScoredId> longer = index.search(query, 300, odd);
        org.assertj.core.api.Assertions.assertThat(index.search(query, 40, odd)).isEqualTo(longer.subList(0, 40));

        java.util.List<java.util.UUID> among = new java.util.ArrayList<>(stored.subList(100, 700));
        among.add(new java.util.UUID(1, 1));
        java.util.Set<java.util.UUID> allowed = new java.util.HashSet<>(among);
        org.assertj.core.api.Assertions.assertThat(index.searchAmong(among, query, 25, odd))
                .isEqualTo(index.search(query, 25, id -> allowed.contains(id) && odd.test(id)));
        org.assertj.core.api.Assertions.assertThat(index.searchAmong(among, query, 1_000, null)).hasSize(600);
    }
}
