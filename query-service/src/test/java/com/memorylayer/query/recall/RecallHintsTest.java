package com.memorylayer.query.recall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A hint is a memory's first line, cut to the hint length with "..." when cut. */
class RecallHintsTest {

    @Test
    void aShortFirstLineIsTheWholeHint() {
        assertThat(RecallHints.hint("How to deploy:\nrun make release, then promote the build.", 60)).isEqualTo("How to deploy:");
    }

    @Test
    void aLongLineIsCutAtTheHintLengthAndMarked() {
        String line = "The billing service had an outage in April and was rolled back by the on-call engineer.";
        assertThat(RecallHints.hint(line, 20)).isEqualTo("The billing service...");
        assertThat(RecallHints.hint(line, line.length())).isEqualTo(line);
        assertThat(RecallHints.hint(line, line.length() - 1)).endsWith("...").hasSize(line.length() - 1 + 3);
    }

    @Test
    void blankLeadingLinesAndIndentationAreSkipped() {
        assertThat(RecallHints.hint("\n\n   \n  Shopping list  \n- eggs", 60)).isEqualTo("Shopping list");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String hint = RecallHints.hint("ab😀cd", 3);
        assertThat(hint).isEqualTo("ab...");
    }
}
