package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.query.ShippedSettings;
import com.memorylayer.retrieval.search.RankingSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the service ranks with when started on its shipped settings file. */
class RecallPropertiesTest {

    static final String PREFIX = "memorylayer.recall";

    @Test
    void theShippedSettingsFileRanksWithTheShippedRanking() {
        RecallProperties properties = ShippedSettings.bind(PREFIX, RecallProperties.class);

        assertThat(properties.ranking()).isEqualTo(RankingSettings.SHIPPED);
    }

    @Test
    void theDocumentedEnvironmentVariablesOverrideFusionAndSessionWeight() {
        RecallProperties properties = ShippedSettings.bind(PREFIX, RecallProperties.class,
                Map.of("MEMORYLAYER_RECALL_FUSION", "rrf", "MEMORYLAYER_RECALL_SESSION_WEIGHT", "0"));

        RankingSettings ranking = properties.ranking();
        assertThat(ranking.fusion()).isEqualTo(RankingSettings.Fusion.RRF);
        assertThat(ranking.sessionWeight()).isZero();
        assertThat(ranking).usingRecursiveComparison().ignoringFields("fusion", "sessionWeight")
                .isEqualTo(RankingSettings.SHIPPED);
    }
}
