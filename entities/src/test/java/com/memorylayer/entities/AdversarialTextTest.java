package com.memorylayer.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each pattern that runs over a memory's text, given 32,000 characters or more of the shape that is worst for it.
 * They run on the worker's one command thread, so one slow memory delays every workspace's next write: one memory of
 * "a-a-a-…" kept java.util.regex's e-mail pattern busy for ~15 s. RE2/J is linear by construction; these tests hold
 * it to that with a wall-clock bound, the one kind of timing worth asserting here: the bound is two seconds where the
 * quadratic patterns took seconds to minutes on the same input, so it separates the two on any machine.
 */
class AdversarialTextTest {

    private static final Duration BOUND = Duration.ofSeconds(2);
    private static EntityExtractor extractor;

    @BeforeAll
    static void load() {
        extractor = EntityExtractor.english();
    }

    private static <T> T within(Supplier<T> work, String shape) {
        work.get(); // once to load and compile, so the bound measures the matching
        long start = System.nanoTime();
        T result = work.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(shape).isLessThan(BOUND);
        return result;
    }

    private static List<Mention> structured(String text) {
        List<Mention> mentions = new ArrayList<>();
        EntityExtractor.structured(text, mentions);
        return mentions;
    }

    @Test
    void anEmailPatternGivenHyphenatedWordsWithoutAnAtSignStaysLinearAndStillFindsTheAddressAfterThem() {
        String text = "a-".repeat(16_000) + " write to bob@example.com";
        assertThat(within(() -> structured(text), "a-a-a-")).extracting(Mention::key).containsExactly("bob@example.com");
        assertThat(within(() -> structured("x.".repeat(16_000) + "@"), "x.x.x.@")).isEmpty();
        assertThat(within(() -> structured("a+".repeat(16_000) + "@b"), "a+a+a+@b")).isEmpty();
    }

    @Test
    void aUrlPatternGivenLongRunsOfTrailingPunctuationStaysLinear() {
        assertThat(within(() -> structured("http://" + ".".repeat(32_000)), "http://....")).isEmpty();
        assertThat(within(() -> structured("http://x".repeat(4_000) + "!".repeat(32_000)), "http://x…!!!"))
                .extracting(Mention::type).containsExactly(EntityType.URL);
    }

    @Test
    void aPathPatternGivenSegmentsThatNeverEndStaysLinear() {
        assertThat(within(() -> structured("-/".repeat(16_000)), "-/-/-/")).hasSize(1);
        assertThat(within(() -> structured("a/".repeat(16_000)), "a/a/a/")).isEmpty();
        List<Mention> found = within(() -> structured(" /a".repeat(11_000) + " see ./src/main.rs"), " /a /a");
        assertThat(found).extracting(Mention::key).endsWith("./src/main.rs");
    }

    @Test
    void versionAndDatePatternsGivenLongNumberRunsStayLinear() {
        assertThat(within(() -> structured("1.".repeat(16_000) + "-" + "a.".repeat(16_000)), "1.1.1-a.a.")).hasSize(1);
        assertThat(within(() -> structured("v1".repeat(16_000)), "v1v1v1")).isEmpty();
        assertThat(within(() -> structured("2024-01-".repeat(4_000)), "2024-01-2024-01-")).isEmpty();
        assertThat(within(() -> structured("May 1, May 1, ".repeat(2_500)), "May 1, May 1,")).isEmpty();
    }

    @Test
    void theSpeakerPatternGivenOnlyWhiteSpaceStaysLinear() {
        assertThat(within(() -> extractor.extract(" \t".repeat(16_000) + "Caroline: hi").entities(), "white space then a speaker"))
                .extracting(Mention::key).contains("caroline");
    }

    @Test
    void aNameKeyGivenARunOfPunctuationNotAtItsEndStaysLinear() {
        // A URL mention can be this long: the trailing-punctuation pattern rescanned the run from each position.
        String name = "!".repeat(100_000) + "a";
        assertThat(within(() -> EntityNames.key(name), "!!!!a")).isEqualTo("a");
        assertThat(within(() -> EntityNames.key("a" + " ".repeat(50_000) + "b's"), "a     b's")).isEqualTo("a b");
        assertThat(EntityNames.key("@alice!!")).isEqualTo("@alice");
        assertThat(EntityNames.key("\"C++\"")).isEqualTo("c++");
        assertThat(EntityNames.key("(#general)")).isEqualTo("#general");
    }
}
