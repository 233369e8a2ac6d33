package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's trigger-word table: most hits wins, ties go to the intent listed first, none is {@code what}. */
class QueryIntentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "why did the billing deploy fail?                 | why",
            "What was the reason the outage happened          | why",
            "when did we ship the billing service             | when",
            "the history of the project before the rewrite    | when",
            "who wrote the migration script                   | who",
            "which people are on the payments team            | who",
            "how to rotate the signing keys                   | how",
            "steps to debug a flaky test                      | how",
            "how does the cache work                          | what",
            "tomatoes in the garden                           | what",
            "WHY BECAUSE                                      | why",
            "why and when                                     | why",
            "when did who build it                            | when",
            "whenever the reasoning team                      | who"})
    void theIntentWithMostTriggerWordsWins(String query, String intent) {
        assertThat(QueryIntent.of(query).wire()).isEqualTo(intent);
    }
}
