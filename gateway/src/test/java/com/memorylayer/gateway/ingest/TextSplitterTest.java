package com.memorylayer.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The split modes on bge-small's real tokenizer: what each cuts where, and that auto's chunks fit the window. */
class TextSplitterTest {

    static BgeTokenizer tokenizer;
    static TextSplitter splitter;

    @BeforeAll
    static void load() {
        tokenizer = BgeTokenizer.load(BgeModel.FP32, Path.of("target", "model-cache"));
        splitter = new TextSplitter(tokenizer::count, BgeTokenizer.WINDOW);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void tokensOfTextsJoinedByWhiteSpaceAreTheSumOfTheirParts() {
        // What auto's packing relies on: bge's tokenizer splits at white space before anything else.
        String a = "The payment service's queue drained (mostly) before node-7 restarted.";
        String b = "Ünïcode and 3.14159 numbers, URLs like https://example.com/a?b=c too!";
        assertThat(tokenizer.count(a + " " + b)).isEqualTo(tokenizer.count(a) + tokenizer.count(b));
        assertThat(tokenizer.count(a + "\n\n" + b)).isEqualTo(tokenizer.count(a) + tokenizer.count(b));
    }

    @Test
    void autoKeepsShortSectionsWholeAndCutsLongOnesIntoChunksThatFitEachLedByItsHeading() {
        StringBuilder text = new StringBuilder("Intro before any heading.\n\n# Runbook\n\nShort paragraph.\n\n## Restarts\n\n");
        for (int i = 0; i < 120; i++) {
            text.append("Step ").append(i).append(" checks that queue ").append(i).append(" drained before the next node goes down. ");
        }
        text.append("\n\n## Contacts\n\nPage the on-call engineer.\n");
        List<String> chunks = splitter.split(text.toString(), SplitMode.AUTO);

        assertThat(chunks.getFirst()).isEqualTo("Intro before any heading.");
        assertThat(chunks.get(1)).isEqualTo("# Runbook\nShort paragraph.");
        List<String> restarts = chunks.stream().filter(c -> c.startsWith("## Restarts\n")).toList();
        assertThat(restarts).hasSizeGreaterThan(2);
        assertThat(chunks.stream().filter(c -> c.contains("Step "))).allSatisfy(c -> assertThat(c).startsWith("## Restarts\n"));
        assertThat(chunks).allSatisfy(c -> assertThat(tokenizer.count(c)).isLessThanOrEqualTo(BgeTokenizer.WINDOW));
        assertThat(chunks.getLast()).isEqualTo("## Contacts\nPage the on-call engineer.");
        // Nothing is lost: every step is in exactly one chunk.
        for (int i = 0; i < 120; i++) {
            String step = "Step " + i + " checks that queue " + i + " drained";
            assertThat(chunks.stream().filter(c -> c.contains(step)).count()).as(step).isEqualTo(1);
        }
    }

    @Test
    void aRunWithoutSpacesLongerThanTheWindowIsCutByCharacters() {
        // Punctuation splits it into a token per character (a long plain word would be one unknown token).
        String blob = "a-b-c-d-".repeat(200);
        List<String> chunks = splitter.split(blob, SplitMode.AUTO);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(String.join("", chunks)).isEqualTo(blob);
        assertThat(chunks).allSatisfy(c -> assertThat(tokenizer.count(c)).isLessThanOrEqualTo(BgeTokenizer.WINDOW));
    }

    @Test
    void theOtherModesCutWhereTheySay() {
        assertThat(splitter.split("  whole text\n\nstays  ", SplitMode.SINGLE)).containsExactly("whole text\n\nstays");
        assertThat(splitter.split("one\r\n\r\ntwo\nthree\n", SplitMode.LINES)).containsExactly("one", "two", "three");
        assertThat(splitter.split("p one\nstill one\n\n  \n\np two", SplitMode.PARAGRAPHS)).containsExactly("p one\nstill one", "p two");
        assertThat(splitter.split("lead\n# A\ntext a\n```\n# not a heading\n```\n## B\ntext b", SplitMode.MARKDOWN))
                .containsExactly("lead", "# A\ntext a\n```\n# not a heading\n```", "## B\ntext b");
        assertThat(splitter.split("name,note\n\"Alice\",\"says \"\"hi\"\", twice\"\n\nBob,\"two\nlines\"\n,\n", SplitMode.CSV))
                .containsExactly("name: Alice\nnote: says \"hi\", twice", "name: Bob\nnote: two\nlines");
    }
}
