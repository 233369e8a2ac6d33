package com.memorylayer.retrieval.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The time patterns over queries of the shapes worst for them: near-misses repeated, and long runs of white space or
 * hyphens after a word that opens an expression. They stay java.util.regex (two need look-ahead, which RE2/J lacks):
 * each is a fixed word, a bounded run of digits or one run of separators, so a failed start costs at most the run
 * after it, and recall caps a query at 4,000 characters. This holds that to a bound 18 times over the cap; the
 * wall-clock bound is the one timing worth asserting here, since a quadratic pattern takes minutes on this input.
 */
class AdversarialQueryTimeTest {

    private static final LocalDate REFERENCE = LocalDate.of(2023, 10, 18);

    private static void linear(String query, String shape) {
        QueryTimeResolver.resolve(query, REFERENCE); // once to load and compile, so the bound measures the matching
        long start = System.nanoTime();
        QueryTimeResolver.resolve(query, REFERENCE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(shape).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void nearMissesAndLongSeparatorRunsAreResolvedInTimeProportionalToTheQuery() {
        linear("the 1 ".repeat(12_000), "the 1 the 1");
        linear("may 1 ".repeat(12_000), "may 1 may 1");
        linear("in " + " ".repeat(72_000) + "x", "in, then spaces");
        linear("in-".repeat(24_000), "in-in-in-");
        linear("may 5" + " ".repeat(72_000) + "x", "a month day, then spaces (the look-ahead)");
        linear("in 2020" + " ".repeat(72_000) + "x", "in a year, then spaces (the look-ahead)");
        linear("last ".repeat(14_000), "last last");
        linear("1 ".repeat(36_000) + "days", "1 1 1 days");
        assertThat(QueryTimeResolver.resolve("may 1 ".repeat(12_000) + "in 2022", REFERENCE)).isPresent();
    }
}
