package com.memorylayer.retrieval.search;

import static com.memorylayer.retrieval.search.DenseIndexTest.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    private static final UUID A = id(1);
    private static final UUID B = id(2);
    private static final UUID C = id(3);
    private static final UUID D = id(4);

    @Test
    void scoresAreTheSumOfReciprocalRanksAcrossChannels() {
        Map<String, List<ScoredId>> rankings = Map.of(
                "dense", List.of(new ScoredId(A, 0.9f), new ScoredId(B, 0.8f), new ScoredId(C, 0.7f)),
                "lexical", List.of(new ScoredId(C, 12f), new ScoredId(D, 9f), new ScoredId(A, 3f)));

        List<FusedHit> fused = new ReciprocalRankFusion(60).fuse(rankings, 10);

        // A: 1/61 + 1/63, C: 1/63 + 1/61 (a tie, A has the same best rank, so id decides), B: 1/62, D: 1/62.
        assertThat(fused).extracting(FusedHit::id).containsExactly(A, C, B, D);
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 63, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
        assertThat(fused.get(3).score()).isCloseTo(1.0 / 62, within(1e-12));
        assertThat(fused.get(0).ranks()).isEqualTo(Map.of("dense", 1, "lexical", 3));
        assertThat(fused.get(0).channelScores()).isEqualTo(Map.of("dense", 0.9f, "lexical", 3f));
        assertThat(fused.get(3).ranks()).isEqualTo(Map.of("lexical", 2));
    }

    @Test
    void aDocumentFoundByBothChannelsBeatsDocumentsTopOfOnlyOne() {
        Map<String, List<ScoredId>> rankings = Map.of(
                "dense", List.of(new ScoredId(A, 0.9f), new ScoredId(B, 0.8f)),
                "lexical", List.of(new ScoredId(C, 7f), new ScoredId(B, 5f)));

        List<FusedHit> fused = new ReciprocalRankFusion().fuse(rankings, 3);

        assertThat(fused.get(0).id()).isEqualTo(B);
        assertThat(fused.get(0).score()).isCloseTo(2.0 / 62, within(1e-12));
    }

    @Test
    void equalScoresAreOrderedByBestSingleRankThenId() {
        // With k = 1 every score below is exactly 1/2: rank 1 in one channel, or rank 3 in two (1/4 + 1/4).
        UUID rankOneLargeId = id(9);
        UUID rankOneSmallId = id(7);
        UUID rankThreeTwice = id(2);
        Map<String, List<ScoredId>> rankings = Map.of(
                "x", List.of(hit(rankOneLargeId), hit(id(20)), hit(rankThreeTwice)),
                "y", List.of(hit(rankOneSmallId), hit(id(21)), hit(rankThreeTwice)));

        List<FusedHit> fused = new ReciprocalRankFusion(1).fuse(rankings, 3);

        assertThat(fused).extracting(FusedHit::score).containsOnly(0.5);
        assertThat(fused).extracting(FusedHit::id).containsExactly(rankOneSmallId, rankOneLargeId, rankThreeTwice);
    }

    @Test
    void theLimitCutsTheFusedList() {
        Map<String, List<ScoredId>> rankings = Map.of(
                "dense", List.of(new ScoredId(A, 1), new ScoredId(B, 1), new ScoredId(C, 1)));

        assertThat(new ReciprocalRankFusion().fuse(rankings, 2)).extracting(FusedHit::id).containsExactly(A, B);
        assertThat(new ReciprocalRankFusion().fuse(Map.of(), 2)).isEmpty();
    }

    @Test
    void aDuplicateInOneChannelCountsOnceAtItsBestRank() {
        Map<String, List<ScoredId>> rankings = Map.of("dense", List.of(new ScoredId(A, 1), new ScoredId(A, 0.5f)));

        List<FusedHit> fused = new ReciprocalRankFusion().fuse(rankings, 5);

        assertThat(fused).hasSize(1);
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61, within(1e-12));
        assertThat(fused.get(0).channelScores()).isEqualTo(Map.of("dense", 1f));
    }

    @Test
    void aNonPositiveKOrLimitIsRejectedWithItsValue() {
        assertThatThrownBy(() -> new ReciprocalRankFusion(0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new ReciprocalRankFusion(-5)).hasMessageContaining("got -5");
        assertThatThrownBy(() -> new ReciprocalRankFusion().fuse(Map.of(), 0)).hasMessageContaining("got 0");
    }

    private static ScoredId hit(UUID id) {
        return new ScoredId(id, 1);
    }
}
