package com.memorylayer.gateway.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * extract_patterns' category markers over the text that is worst for them. One call reads up to 200 memories, so a
 * pattern that is slow on one is slow 200 times. The bound is wall-clock, the one place it is worth it: two seconds,
 * where java.util.regex's "first … then" took ~1.4 s for 36,000 characters and ~15 s for the 120,000 here (quadratic).
 */
class AdversarialPatternTextTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static Optional<String> within(Supplier<Optional<String>> work, String shape) {
        work.get(); // once to load and compile, so the bound measures the matching
        long start = System.nanoTime();
        Optional<String> result = work.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(shape).isLessThan(BOUND);
        return result;
    }

    @Test
    void firstWithoutThenIsReadInOnePassAndFirstThenStillMarksAWorkflow() {
        String firsts = "first ".repeat(20_000);
        assertThat(within(() -> PatternExtraction.category("note", firsts), "first first first")).isEmpty();
        assertThat(within(() -> PatternExtraction.category("note", firsts + "then"), "first … then")).contains("workflow");
    }

    @Test
    void theOtherMarkersOverLongRunsOfNearMissesStayLinear() {
        assertThat(within(() -> PatternExtraction.category("note", "fixe".repeat(30_000)), "fixefixe")).isEmpty();
        assertThat(within(() -> PatternExtraction.category("note", "trade-".repeat(20_000)), "trade-trade-")).isEmpty();
        assertThat(within(() -> PatternExtraction.category("note", "connectio".repeat(13_000) + " connection"), "connectio…"))
                .contains("integration");
        assertThat(within(() -> PatternExtraction.category("note", "do no ".repeat(20_000) + "never"), "do no do no"))
                .contains("gotcha");
    }
}
