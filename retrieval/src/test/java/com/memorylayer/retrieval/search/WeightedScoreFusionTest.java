package com.memorylayer.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WeightedScoreFusionTest {

    private static final UUID A = new UUID(0, 1);
    private static final UUID B = new UUID(0, 2);
    private static final UUID C = new UUID(0, 3);

    @Test
    void scoresAreTheWeightedSumOfMinMaxNormalisedChannelScores() {
        WeightedScoreFusion fusion = new WeightedScoreFusion(Map.of("dense", 0.7, "lexical", 0.3));
        // dense: A 0.9 → 1, B 0.5 → 0, C 0.7 → 0.5; lexical: B 12 → 1, C 2 → 0
        List<FusedHit> fused = fusion.fuse(Map.of(
                "dense", List.of(new ScoredId(A, 0.9f), new ScoredId(C, 0.7f), new ScoredId(B, 0.5f)),
                "lexical", List.of(new ScoredId(B, 12f), new ScoredId(C, 2f))), 10);

        assertThat(fused).extracting(FusedHit::id).containsExactly(A, C, B);
        assertThat(fused.get(0).score()).isCloseTo(0.7, within(1e-6));
        assertThat(fused.get(1).score()).isCloseTo(0.35, within(1e-6));
        assertThat(fused.get(2).score()).isCloseTo(0.3, within(1e-6));
        assertThat(fused.get(1).ranks()).isEqualTo(Map.of("dense", 2, "lexical", 2));
    }

    @Test
    void aDenseMatchFarAheadIsNotPulledLevelByAMiddlingLexicalOne() {
        // Under RRF, B (2nd and 1st) would beat A (1st in dense only); weighting by score keeps A ahead.
        Map<String, List<ScoredId>> rankings = Map.of(
                "dense", List.of(new ScoredId(A, 0.95f), new ScoredId(B, 0.40f), new ScoredId(C, 0.39f)),
                "lexical", List.of(new ScoredId(B, 3.1f), new ScoredId(C, 3.0f)));

        assertThat(new WeightedScoreFusion(Map.of("dense", 0.7, "lexical", 0.3)).fuse(rankings, 1))
                .extracting(FusedHit::id).containsExactly(A);
        assertThat(new ReciprocalRankFusion().fuse(rankings, 1)).extracting(FusedHit::id).containsExactly(B);
    }

    @Test
    void theBestPossibleScoreIsTheSumOfTheUsedChannelsWeights() {
        WeightedScoreFusion fusion = new WeightedScoreFusion(Map.of("dense", 0.7, "lexical", 0.3));
        assertThat(fusion.bestPossibleScore(Set.of("dense", "lexical"))).isCloseTo(1.0, within(1e-9));
        assertThat(fusion.bestPossibleScore(Set.of("dense"))).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void aChannelWhoseCandidatesAllScoreAlikeNormalisesToOne() {
        List<FusedHit> fused = new WeightedScoreFusion(Map.of("lexical", 1.0))
                .fuse(Map.of("lexical", List.of(new ScoredId(A, 2f), new ScoredId(B, 2f))), 10);
        assertThat(fused).allSatisfy(h -> assertThat(h.score()).isEqualTo(1.0));
    }

    @Test
    void negativeOrAllZeroWeightsAreRefused() {
        assertThatThrownBy(() -> new WeightedScoreFusion(Map.of("dense", -0.1))).hasMessageContaining("dense");
        assertThatThrownBy(() -> new WeightedScoreFusion(Map.of("dense", 0.0))).hasMessageContaining("positive");
    }
}
