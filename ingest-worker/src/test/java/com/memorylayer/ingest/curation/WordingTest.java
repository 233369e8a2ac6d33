package com.memorylayer.ingest.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The duplicate rule's wording alone, over the labelled pair corpus and a few forms spelled out. */
class WordingTest {

    @Test
    void theRuleMergesEveryLabelledRepeatAndNoPairThatSaysSomethingElse() {
        List<DedupePairCorpus.LabelledPair> pairs = DedupePairCorpus.load();
        DedupePairCorpus.Confusion confusion = DedupePairCorpus.confusion(pairs, p -> Wording.same(p.first(), p.second()));
        System.out.println("Wording rule over " + pairs.size() + " labelled pairs:\n" + confusion.table());

        assertThat(pairs).hasSizeGreaterThanOrEqualTo(100);
        assertThat(confusion.wrong()).isEmpty();
        assertThat(confusion.mergedDifferent()).isZero();
        assertThat(confusion.keptRepeats()).isZero();
    }

    @Test
    void theCanonicalFormKeepsWordsNumbersAndMeaningfulSymbolsInOrder() {
        assertThat(Wording.canonical("Alice paid Bob $50, on 10:30!")).isEqualTo("alice paid bob $ 50 on 10:30");
        assertThat(Wording.canonical("The ratio is 3.5 (not 35).")).isEqualTo("the ratio is 3.5 not 35");
        assertThat(Wording.canonical("Latency is -5 ms; range 3-5 ms")).isEqualTo("latency is -5 ms range 3 5 ms");
        assertThat(Wording.canonical("x < y, 5 %")).isEqualTo("x < y 5 %");
        assertThat(Wording.canonical("“Smart” quotes — and ＦＵＬＬ width")).isEqualTo("smart quotes and full width");
    }

    @Test
    void textsWithoutAnyTokenAreOnlyTheSameWhenTheirPunctuationIs() {
        assertThat(Wording.same("?", "!")).isFalse();
        assertThat(Wording.same("...", "…")).isTrue();
        assertThat(Wording.same("...", "")).isFalse();
    }

    @Test
    void theLoadTestWritesOfFourWritersAreAllDifferent() {
        List<String> texts = new java.util.ArrayList<>();
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                texts.add("load " + a + " " + b);
            }
        }
        assertThat(texts.stream().map(Wording::canonical).distinct()).hasSize(16);
    }

    @Test
    void aLongAdversarialTextIsCanonicalisedInOnePass() {
        String hostile = "a-".repeat(200_000) + "1.".repeat(200_000);
        assertThat(Wording.canonical(hostile)).startsWith("a a a").hasSizeGreaterThan(400_000);
    }
}
