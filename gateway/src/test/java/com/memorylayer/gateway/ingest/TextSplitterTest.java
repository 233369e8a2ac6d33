package com.memorylayer.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.retrieval.embedding.BgeTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The split modes on bge-small's real tokenizer: what each cuts where, and that auto's chunks fit the window. */
class TextSplitterTest {

    /** The defaults: memorylayer.memory.max-content-chars and memorylayer.ingest.max-split-chars. */
    static final SplitLimits LIMITS = new SplitLimits(32_000, 4_000_000);

    static BgeTokenizer tokenizer;
    static TextSplitter splitter;

    @BeforeAll
    static void load() {
        tokenizer = BgeTokenizer.load(BgeModel.FP32, Path.of("target", "model-cache"));
        splitter = new TextSplitter(tokenizer::tokenEnds, BgeTokenizer.WINDOW, LIMITS);
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

    @Test
    void autoCutsExactlyAsItDidWhenItCountedEveryUnitApart() {
        PerUnitSplitter before = new PerUnitSplitter(tokenizer::count, BgeTokenizer.WINDOW);
        for (long seed = 1; seed <= 12; seed++) {
            String text = document(new Random(seed));
            assertThat(splitter.split(text, SplitMode.AUTO)).as("seed " + seed).isEqualTo(before.split(text));
        }
    }

    @Test
    void anOverLongParagraphIsTokenizedOnceNotOncePerWordOrSentence() {
        // 60,000 words in one paragraph: counting each word and sentence apart took ~80,000 tokenizer calls over
        // about four times the text; now one call over the paragraph.
        StringBuilder paragraph = new StringBuilder();
        Random random = new Random(7);
        while (paragraph.length() < 400_000) {
            paragraph.append(sentence(random, random.nextInt(10) == 0 ? 700 : 25)).append(' ');
        }
        TokenizerWork work = new TokenizerWork();
        List<String> chunks = new TextSplitter(work, BgeTokenizer.WINDOW, LIMITS).split(paragraph.toString(), SplitMode.AUTO);
        assertThat(work.calls).isEqualTo(1);
        assertThat(work.characters).isEqualTo(paragraph.toString().strip().length());
        assertThat(chunks).hasSizeGreaterThan(100)
                .allSatisfy(c -> assertThat(tokenizer.count(c)).isLessThanOrEqualTo(BgeTokenizer.WINDOW));
        assertThat(String.join(" ", chunks).split("\\s+")).isEqualTo(paragraph.toString().strip().split("\\s+"));
    }

    @Test
    void aLongRunWithoutSpacesIsCutWhereItsTokensEndTokenizingEachCharacterAboutTwice() {
        // Halving 400,000 characters down to the window tokenized them once per level (about ten times).
        String blob = "a-b-c-d-".repeat(50_000);
        TokenizerWork work = new TokenizerWork();
        List<String> chunks = new TextSplitter(work, BgeTokenizer.WINDOW, LIMITS).split(blob, SplitMode.AUTO);
        assertThat(work.characters).isLessThanOrEqualTo(2L * blob.length());
        assertThat(String.join("", chunks)).isEqualTo(blob);
        assertThat(chunks).allSatisfy(c -> assertThat(tokenizer.count(c)).isLessThanOrEqualTo(BgeTokenizer.WINDOW));
    }

    @Test
    void aCsvHeaderLongerThanAnItemMayBeIsRefusedBeforeAnyRowIsBuilt() {
        // The reproduced attack, scaled down: every row's item would repeat 40,000 characters of column names.
        String header = IntStream.range(0, 40).mapToObj(i -> "c" + i + "x".repeat(1_000)).collect(Collectors.joining(","));
        String csv = header + "\n" + ("1," .repeat(39) + "1\n").repeat(50);
        assertThatThrownBy(() -> splitter.split(csv, SplitMode.CSV)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CSV_HEADER_TOO_LONG);
            assertThat(e.getMessage()).contains("header").contains("32000");
        });
    }

    @Test
    void aCsvRowWhoseItemWouldBeTooLongStopsTheSplitThere() {
        String csv = "name,note\nAlice,short\nBob," + "y".repeat(40_000) + "\nCarol,never built\n";
        assertThatThrownBy(() -> splitter.split(csv, SplitMode.CSV)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SPLIT_TOO_LARGE);
            assertThat(e.getMessage()).contains("row 2");
        });
    }

    @Test
    void csvItemsThatTogetherComeToMoreThanARequestMayMakeAreRefused() {
        // Each item fits (30 columns of 1,000 characters), but 200 of them make 6 million characters from 66 KB.
        String header = IntStream.range(0, 30).mapToObj(i -> "c" + i + "x".repeat(998)).collect(Collectors.joining(","));
        String csv = header + "\n" + ("1,".repeat(29) + "1\n").repeat(200);
        assertThatThrownBy(() -> splitter.split(csv, SplitMode.CSV)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SPLIT_TOO_LARGE);
            assertThat(e.details()).containsEntry("max_split_characters", 4_000_000L);
        });
        // Under the budget the same rows split as before.
        assertThat(splitter.split(header + "\n" + ("1,".repeat(29) + "1\n").repeat(100), SplitMode.CSV)).hasSize(100);
    }

    @Test
    void aHeadingRepeatedInEveryChunkCountsAgainstWhatARequestMayMake() {
        // One word of 5,000 letters is one unknown token, so it leads every chunk of the section.
        String text = "# " + "h".repeat(5_000) + "\n\n" + "Every step drains one queue before the next. ".repeat(8_000);
        TextSplitter small = new TextSplitter(tokenizer::tokenEnds, BgeTokenizer.WINDOW, new SplitLimits(32_000, 600_000));
        assertThatThrownBy(() -> small.split(text, SplitMode.AUTO)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SPLIT_TOO_LARGE));
        assertThat(splitter.split(text, SplitMode.AUTO)).allSatisfy(c -> assertThat(c).startsWith("# hhh"));
    }

    @Test
    void blankLinesAndHeadingsAreFoundInTextOfTheWorstShapeForThem() {
        // White space that never reaches a second line break, and a heading marker followed only by white space:
        // RE2/J matches both in one pass; these check only that the cuts stay where they were.
        String spaces = " \t".repeat(40_000);
        assertThat(splitter.split("first\n" + spaces + "\nsecond\n" + spaces, SplitMode.PARAGRAPHS)).containsExactly("first", "second");
        assertThat(splitter.split("#" + spaces + "\nbody\n## Real\ntext", SplitMode.MARKDOWN)).containsExactly("#" + spaces + "\nbody",
                "## Real\ntext");
    }

    /** Counts what the splitter asks of the real tokenizer. */
    private static final class TokenizerWork implements Function<String, int[]> {

        int calls;
        long characters;

        @Override
        public int[] apply(String text) {
            calls++;
            characters += text.length();
            return tokenizer.tokenEnds(text);
        }
    }

    private static final String[] WORDS = {"the", "queue", "drained", "naïve", "café", "Zürich", "東京", "😀", "3.14", "e-mail",
        "don't", "(mostly)", "node-7", "https://example.com/a?b=c", "Ünïcode", "restarted", "on-call", "v2.1.0", "x", "über"};
    private static final String[] ENDS = {". ", "! ", "? ", ".\" ", ".) ", "?' ", "; ", ",  ", ".\t"};

    private static String sentence(Random random, int words) {
        StringBuilder sentence = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sentence.append(i == 0 ? "" : random.nextInt(20) == 0 ? "  " : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sentence.append(ENDS[random.nextInt(ENDS.length)].strip()).toString();
    }

    /** Sections, headings (one too long to lead), paragraphs that fit and ones cut at sentences or words. */
    private static String document(Random random) {
        StringBuilder text = new StringBuilder();
        for (int section = 0; section < 4; section++) {
            if (section > 0 || random.nextBoolean()) {
                text.append(section == 3 ? "## " + sentence(random, 200) : "# Part " + section).append("\n\n");
            }
            for (int p = 0, paragraphs = 1 + random.nextInt(4); p < paragraphs; p++) {
                int sentences = random.nextInt(3) == 0 ? 60 : 1 + random.nextInt(4);
                for (int s = 0; s < sentences; s++) {
                    text.append(sentence(random, random.nextInt(15) == 0 ? 600 : 3 + random.nextInt(30)))
                            .append(ENDS[random.nextInt(ENDS.length)].substring(1));
                }
                text.append("\n\n");
            }
        }
        return text.toString();
    }

    /** The auto split as it was before issue 24, counting every unit apart: what the linear splitter must still make. */
    private static final class PerUnitSplitter {

        private static final java.util.regex.Pattern HEADING = java.util.regex.Pattern.compile("^#{1,6}\\s+\\S.*$");
        private static final java.util.regex.Pattern BLANK_LINES = java.util.regex.Pattern.compile("\\n\\s*\\n");
        private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<=[.!?][\"')\\]]?)\\s+");

        private final ToIntFunction<String> tokens;
        private final int window;

        PerUnitSplitter(ToIntFunction<String> tokens, int window) {
            this.tokens = tokens;
            this.window = window;
        }

        List<String> split(String text) {
            List<String> chunks = new ArrayList<>();
            String heading = null;
            StringBuilder body = new StringBuilder();
            List<String[]> sections = new ArrayList<>();
            boolean inFence = false;
            for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
                if (line.strip().startsWith("```")) {
                    inFence = !inFence;
                }
                if (!inFence && HEADING.matcher(line).matches()) {
                    if (heading != null || !body.toString().isBlank()) {
                        sections.add(new String[] {heading, body.toString()});
                    }
                    heading = line.strip();
                    body.setLength(0);
                } else {
                    body.append(line).append('\n');
                }
            }
            if (heading != null || !body.toString().isBlank()) {
                sections.add(new String[] {heading, body.toString()});
            }
            for (String[] section : sections) {
                String head = section[0];
                String prefix = head != null && tokens.applyAsInt(head) <= window / 4 ? head : null;
                int room = window - (prefix == null ? 0 : tokens.applyAsInt(prefix));
                List<String> units = new ArrayList<>();
                if (head != null && prefix == null) {
                    units.addAll(fit(head, room));
                }
                for (String paragraph : BLANK_LINES.split(section[1])) {
                    if (!paragraph.isBlank()) {
                        units.addAll(fit(paragraph.strip(), room));
                    }
                }
                chunks.addAll(pack(units, prefix, "\n\n", window));
            }
            return chunks.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        }

        private List<String> fit(String paragraph, int room) {
            if (tokens.applyAsInt(paragraph) <= room) {
                return List.of(paragraph);
            }
            List<String> sentences = new ArrayList<>();
            for (String sentence : SENTENCE_END.split(paragraph)) {
                if (tokens.applyAsInt(sentence) <= room) {
                    sentences.add(sentence);
                } else {
                    sentences.addAll(pack(List.of(sentence.split("\\s+")), null, " ", room));
                }
            }
            return pack(sentences, null, " ", room);
        }

        private List<String> pack(List<String> units, String prefix, String separator, int limit) {
            String lead = prefix == null ? "" : prefix + "\n";
            int leadTokens = prefix == null ? 0 : tokens.applyAsInt(prefix);
            List<String> chunks = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            int currentTokens = 0;
            for (String unit : units) {
                int unitTokens = tokens.applyAsInt(unit);
                if (!current.isEmpty() && currentTokens + unitTokens <= limit) {
                    current.append(separator).append(unit);
                    currentTokens += unitTokens;
                    continue;
                }
                if (!current.isEmpty()) {
                    chunks.add(current.toString());
                    current.setLength(0);
                }
                if (leadTokens + unitTokens <= limit) {
                    current.append(lead).append(unit);
                    currentTokens = leadTokens + unitTokens;
                } else {
                    current.append(unit);
                    currentTokens = unitTokens;
                }
            }
            if (!current.isEmpty()) {
                chunks.add(current.toString());
            }
            return chunks;
        }
    }
}
