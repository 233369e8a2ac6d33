package com.memorylayer.entities.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The entity channel's word pattern over the query shapes worst for it: one word of 32,000 characters, and 16,000
 * words of one letter. RE2/J is linear by construction; the two-second wall-clock bound is the one timing worth
 * asserting here, since a recall thread is shared by every tenant.
 */
class AdversarialQueryTextTest {

    private static Set<String> within(String query, String shape) {
        EntityChannel.candidateKeys(query); // once to load and compile, so the bound measures the matching
        long start = System.nanoTime();
        Set<String> keys = EntityChannel.candidateKeys(query);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(shape).isLessThan(Duration.ofSeconds(2));
        return keys;
    }

    @Test
    void oneVeryLongWordAndVeryManyShortOnesAreReadInOnePass() {
        assertThat(within("a.-'".repeat(8_000), "a.-'a.-'")).hasSize(1);
        assertThat(within("x ".repeat(16_000), "x x x")).containsExactly("x x", "x x x", "x x x x");
        assertThat(within("Who is Caroline Smith's manager?", "plain")).contains("caroline smith", "caroline", "smith");
    }
}
