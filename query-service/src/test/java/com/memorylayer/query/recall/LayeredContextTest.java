package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a layer fills its token budget, with the real tokenizer, and how L3 shapes a line by salience. */
class LayeredContextTest {

    final Encoding o200k = new TokenEncodings().of(EncodingType.O200K_BASE);

    private static LayeredContext.Line line(String text) {
        return new LayeredContext.Line(UUID.randomUUID(), text);
    }

    @Test
    void aLayerNeverCountsMoreThanItsBudgetAndCountsItselfWhole() {
        List<LayeredContext.Line> lines = List.of(line("Priya leads the billing team in Berlin."),
                line("The billing service was rebuilt on Postgres in May."), line("Tomatoes need water every morning."));
        for (int budget = 0; budget <= 40; budget++) {
            LayeredContext.Fitted fitted = LayeredContext.fit(lines, budget, o200k);
            assertThat(fitted.tokens()).as("budget " + budget).isLessThanOrEqualTo(budget);
            assertThat(fitted.tokens()).isEqualTo(o200k.countTokensOrdinary(fitted.text()));
            assertThat(fitted.text().lines().count()).isEqualTo(fitted.ids().size());
        }
        assertThat(LayeredContext.fit(lines, 1_000, o200k).ids()).hasSize(3);
        assertThat(LayeredContext.fit(lines, 0, o200k)).isEqualTo(LayeredContext.Fitted.EMPTY);
    }

    @Test
    void aLineTooLongForWhatIsLeftIsPassedOverAndAShorterOneAfterItStillGoesIn() {
        LayeredContext.Line first = line("Short one.");
        LayeredContext.Line long_ = line("word ".repeat(200));
        LayeredContext.Line last = line("Another short one.");
        LayeredContext.Fitted fitted = LayeredContext.fit(List.of(first, long_, last), 20, o200k);
        assertThat(fitted.ids()).containsExactly(first.id(), last.id());
        assertThat(fitted.text()).isEqualTo("Short one.\nAnother short one.");
    }

    @Test
    void textSpellingASpecialTokenIsCountedAsOrdinaryText() {
        LayeredContext.Fitted fitted = LayeredContext.fit(List.of(line("the model printed <|endoftext|> and stopped")), 50, o200k);
        assertThat(fitted.ids()).hasSize(1);
        assertThat(fitted.tokens()).isGreaterThan(5);
    }

    private static RecallResult result(String content, double score) {
        return new RecallResult(UUID.randomUUID(), content, score, "note", List.of(), Map.of(), null, 0.5, OffsetDateTime.now(),
                MemoryStatus.ACTIVE, MemoryLayer.EPISODIC, MemoryType.NARRATIVE, false, 1, null);
    }

    @Test
    void searchLinesAreShapedByTheirScoreAgainstTheBest() {
        String long_ = "First line of a long note\n" + "x".repeat(300);
        List<LayeredContext.Line> lines = LayeredContext.salient(List.of(result(long_, 1.0), result(long_, 0.5),
                result(long_, 0.2)), Set.of());
        assertThat(lines.get(0).text()).as("salient: whole, on one line").isEqualTo("First line of a long note " + "x".repeat(300));
        assertThat(lines.get(1).text()).as("middling: 200 characters").hasSize(203).endsWith("...");
        assertThat(lines.get(2).text()).as("faint: layer and first line").isEqualTo("[episodic] First line of a long note");
    }

    @Test
    void searchResultsAlreadyInAnEarlierLayerAreLeftOut() {
        RecallResult seen = result("already in L1", 1.0);
        RecallResult fresh = result("only found by the search", 0.9);
        assertThat(LayeredContext.salient(List.of(seen, fresh), Set.of(seen.id()))).extracting(LayeredContext.Line::id)
                .containsExactly(fresh.id());
    }
}
