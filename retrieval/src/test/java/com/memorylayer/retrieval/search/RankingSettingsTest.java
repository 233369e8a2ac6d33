package com.memorylayer.retrieval.search;

import static com.memorylayer.retrieval.search.RankingSettings.CONTEXT;
import static com.memorylayer.retrieval.search.RankingSettings.DENSE;
import static com.memorylayer.retrieval.search.RankingSettings.LEXICAL;
import static com.memorylayer.retrieval.search.RankingSettings.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingSettingsTest {

    @Test
    void weightedFusionGivesDenseItsWeightLexicalTheRestOfOneAndContextItsOwn() {
        RankFusion fusion = SHIPPED.rankFusion();

        assertThat(fusion).isInstanceOf(WeightedScoreFusion.class);
        assertThat(fusion.bestPossibleScore(Set.of(DENSE))).isCloseTo(SHIPPED.denseWeight(), within(1e-12));
        assertThat(fusion.bestPossibleScore(Set.of(LEXICAL))).isCloseTo(1 - SHIPPED.denseWeight(), within(1e-12));
        assertThat(fusion.bestPossibleScore(Set.of(CONTEXT))).isCloseTo(SHIPPED.contextWeight(), within(1e-12));
    }

    @Test
    void rrfFusionIsReciprocalRankWithItsDefaultK() {
        RankingSettings rrf = new RankingSettings(RankingSettings.Fusion.RRF, SHIPPED.candidates(), SHIPPED.denseWeight(),
                SHIPPED.contextWeight(), SHIPPED.contextAlpha(), SHIPPED.sessionWeight(), SHIPPED.bm25K1(), SHIPPED.bm25B());

        assertThat(rrf.rankFusion()).isInstanceOfSatisfying(ReciprocalRankFusion.class,
                f -> assertThat(f.k()).isEqualTo(ReciprocalRankFusion.DEFAULT_K));
    }

    @Test
    void theWithersChangeOnlyTheirOwnSetting() {
        assertThat(SHIPPED.withContextAlpha(0.9)).usingRecursiveComparison().ignoringFields("contextAlpha").isEqualTo(SHIPPED);
        assertThat(SHIPPED.withContextAlpha(0.9).contextAlpha()).isEqualTo(0.9);
        assertThat(SHIPPED.withSessionWeight(0).sessionBoost().weight()).isZero();
        assertThat(SHIPPED.withSessionWeight(0)).usingRecursiveComparison().ignoringFields("sessionWeight").isEqualTo(SHIPPED);
    }

    @Test
    void aDenseWeightOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new RankingSettings(RankingSettings.Fusion.WEIGHTED, 100, 1.5, 0, 0, 0, 1, 0))
                .hasMessageContaining("1.5");
    }
}
