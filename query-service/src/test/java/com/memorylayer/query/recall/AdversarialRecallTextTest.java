package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The patterns recall runs over memory and query text, given the shape of text that is worst for each. A slow one
 * holds a recall thread that every tenant's recalls share. The bound is wall-clock, the one place it is worth it: two
 * seconds, where java.util.regex took ~4 s for 32,000 characters and ~15 s for the 64,000 here, so it tells linear from
 * quadratic on any machine.
 */
class AdversarialRecallTextTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static <T> T within(Supplier<T> work, String shape) {
        work.get(); // once to load and compile, so the bound measures the matching
        long start = System.nanoTime();
        T result = work.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(shape).isLessThan(BOUND);
        return result;
    }

    private static RecallResult result(String content) {
        return new RecallResult(UUID.randomUUID(), content, 1.0, "note", List.of(), Map.of(), null, 0.5, OffsetDateTime.now(),
                MemoryStatus.ACTIVE, MemoryLayer.EPISODIC, MemoryType.NARRATIVE, false, 1, null);
    }

    @Test
    void aSalientMemoryIsFoldedToOneLineInOnePassHoweverLongItsRunsOfSpaces() {
        String spaces = " ".repeat(64_000);
        assertThat(within(() -> LayeredContext.shaped(result("a" + spaces + "b"), 1.0), "a long run of spaces, no line break"))
                .isEqualTo("a" + spaces + "b");
        assertThat(within(() -> LayeredContext.shaped(result("a" + spaces + "\n" + spaces + "b"), 1.0), "spaces around one break"))
                .isEqualTo("a b");
        assertThat(LayeredContext.shaped(result("one \r\n two\n\n\tthree\u2028four"), 1.0)).isEqualTo("one two three four");
    }

    @Test
    void theIntentOfALongQueryOfTriggerWordsIsCountedInOnePass() {
        assertThat(within(() -> QueryIntent.of("why ".repeat(16_000)), "why why why")).isEqualTo(QueryIntent.WHY);
        assertThat(within(() -> QueryIntent.of("whyy".repeat(16_000)), "whyywhyy")).isEqualTo(QueryIntent.WHAT);
    }
}
