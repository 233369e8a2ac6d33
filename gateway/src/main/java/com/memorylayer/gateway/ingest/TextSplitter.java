package com.memorylayer.gateway.ingest;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a text into the pieces {@code POST /ingest} stores as items (every mode but JSON, which the request parser
 * reads as items). {@link SplitMode#AUTO} keeps each piece within the embedder's window as its own tokenizer counts
 * it: anything past the window would be invisible to dense recall. It packs whole paragraphs of one section
 * together while they fit, cuts a paragraph that does not fit at sentences, and a sentence that does not at words;
 * every chunk of a section after its first starts with the section's heading, so it still says what it is about.
 *
 * <p>Linear in the text: each paragraph is tokenized once, and the counts of its sentences and words are read off
 * where its tokens end (bge's tokenizer splits at white space before anything else, so a part that starts and ends
 * at white space holds exactly the tokens that end inside it). Counting each word apart cost a tokenizer call per
 * word, tens of seconds for one 2 MB paragraph. Patterns are RE2/J's, linear whatever the text.
 */
final class TextSplitter {

    /** Java's {@code \s}, spelled out so RE2/J (whose {@code \s} leaves out vertical tab) cuts where the splitter always did. */
    private static final String SPACE = "[ \\t\\n\\x0B\\f\\r]";
    private static final Pattern HEADING = Pattern.compile("#{1,6}" + SPACE + "+[^ \\t\\n\\x0B\\f\\r].*");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n" + SPACE + "*\\n");

    private final Function<String, int[]> tokenEnds;
    private final int window;
    private final SplitLimits limits;

    /**
     * @param tokenEnds where each of a text's tokens ends (special tokens left out), see {@code BgeTokenizer.tokenEnds}
     * @param window    the most tokens one chunk may hold
     * @param limits    what one request's splitting may make
     */
    TextSplitter(Function<String, int[]> tokenEnds, int window, SplitLimits limits) {
        this.tokenEnds = tokenEnds;
        this.window = window;
        this.limits = limits;
    }

    List<String> split(String text, SplitMode mode) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        SplitBudget budget = SplitBudget.of(limits);
        // Every mode but csv and auto returns parts of the text itself: they cannot make more than they were given.
        List<String> pieces = switch (mode) {
            case SINGLE -> List.of(normalised.strip());
            case LINES -> normalised.lines().map(String::strip).toList();
            case PARAGRAPHS -> List.of(BLANK_LINES.split(normalised));
            case MARKDOWN -> sections(normalised).stream().map(Section::text).toList();
            case AUTO -> auto(normalised, budget);
            case CSV -> CsvRows.items(normalised, budget);
            case JSON -> throw new IllegalArgumentException("JSON is read as items, not split");
        };
        return pieces.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private record Section(String heading, String body) {

        String text() {
            return heading == null ? body : heading + "\n" + body;
        }
    }

    /** A piece of text and how many tokens it holds. */
    private record Unit(String text, int tokens) {
    }

    /** Markdown sections: the text before the first heading, then each heading with what follows it. */
    private static List<Section> sections(String text) {
        List<Section> sections = new ArrayList<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        boolean inFence = false;
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            if (!inFence && HEADING.matches(line)) {
                if (heading != null || !body.toString().isBlank()) {
                    sections.add(new Section(heading, body.toString()));
                }
                heading = line.strip();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        if (heading != null || !body.toString().isBlank()) {
            sections.add(new Section(heading, body.toString()));
        }
        return sections;
    }

    private List<String> auto(String text, SplitBudget budget) {
        List<String> chunks = new ArrayList<>();
        for (Section section : sections(text)) {
            String heading = section.heading();
            int headingTokens = heading == null ? 0 : count(heading);
            // A heading that takes much of the window is text of its own: repeating it would leave no room.
            String prefix = heading != null && headingTokens <= window / 4 ? heading : null;
            // Room left in a chunk once the heading leads it.
            int room = window - (prefix == null ? 0 : headingTokens);
            List<Unit> units = new ArrayList<>();
            if (heading != null && prefix == null) {
                units.addAll(fit(heading, room));
            }
            for (String paragraph : BLANK_LINES.split(section.body())) {
                if (!paragraph.isBlank()) {
                    units.addAll(fit(paragraph.strip(), room));
                }
            }
            // The heading is repeated in every chunk: the one place auto makes more text than it was given.
            pack(units, prefix, headingTokens, "\n\n", window, budget).forEach(chunk -> chunks.add(chunk.text()));
        }
        return chunks;
    }

    /** The paragraph whole if it fits the room, else its sentences (and a sentence too long, its words) packed. */
    private List<Unit> fit(String paragraph, int room) {
        // Vertical tab and form feed are control characters to bge (dropped, joining the words around them), white
        // space to the cuts below, which join words with a space: count them as the space they become.
        int[] ends = tokenEnds.apply(paragraph.replace('\u000B', ' ').replace('\f', ' '));
        if (ends.length <= room) {
            return List.of(new Unit(paragraph, ends.length));
        }
        TokenCursor cursor = new TokenCursor(ends);
        List<Unit> sentences = new ArrayList<>();
        for (int[] sentence : sentences(paragraph)) {
            int firstToken = cursor.next();
            int tokens = cursor.advanceTo(sentence[1]);
            if (tokens <= room) {
                sentences.add(new Unit(paragraph.substring(sentence[0], sentence[1]), tokens));
            } else {
                sentences.addAll(pack(words(paragraph, sentence[0], sentence[1], ends, firstToken, room), null, 0, " ", room,
                        SplitBudget.unbounded()));
            }
        }
        return pack(sentences, null, 0, " ", room, SplitBudget.unbounded());
    }

    /**
     * Where the paragraph's sentences start and end: it is cut at white space after . ! or ? (and any one closing
     * quote or bracket), as {@code (?<=[.!?]["')\]]?)\s+} cut it before; a scan, since RE2/J has no look-behind.
     */
    private static List<int[]> sentences(String paragraph) {
        List<int[]> sentences = new ArrayList<>();
        int start = 0;
        int i = 1;
        while (i < paragraph.length()) {
            if (!isSpace(paragraph.charAt(i)) || isSpace(paragraph.charAt(i - 1))) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < paragraph.length() && isSpace(paragraph.charAt(runEnd))) {
                runEnd++;
            }
            if (endsSentence(paragraph, i)) {
                sentences.add(new int[] {start, i});
                start = runEnd;
            }
            i = runEnd;
        }
        if (start < paragraph.length()) {
            sentences.add(new int[] {start, paragraph.length()});
        }
        return sentences;
    }

    private static boolean endsSentence(String text, int at) {
        char before = text.charAt(at - 1);
        if (".!?".indexOf(before) >= 0) {
            return true;
        }
        return "\"')]".indexOf(before) >= 0 && at >= 2 && ".!?".indexOf(text.charAt(at - 2)) >= 0;
    }

    /** {@code \s} as Java's regular expressions (and so the splitter) always read it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * The words of {@code text[from, to)} with their counts; a word longer than the room (a run of punctuation
     * without spaces: a long plain word is one unknown token) is cut where its tokens end.
     */
    private List<Unit> words(String text, int from, int to, int[] ends, int firstToken, int room) {
        List<Unit> words = new ArrayList<>();
        TokenCursor cursor = new TokenCursor(ends, firstToken);
        int i = from;
        while (i < to) {
            while (i < to && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < to && !isSpace(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            int wordFirstToken = cursor.next();
            int tokens = cursor.advanceTo(i);
            if (tokens <= room) {
                words.add(new Unit(text.substring(start, i), tokens));
            } else {
                words.addAll(cutAtTokens(text, start, i, ends, wordFirstToken, room));
            }
        }
        return words;
    }

    /**
     * Last resort for a word of more tokens than the room: pieces of at most {@code room} of its tokens, each counted
     * again on its own (a piece cut inside a word may tokenize a little differently) and halved if that is too many.
     */
    private List<Unit> cutAtTokens(String text, int from, int to, int[] ends, int firstToken, int room) {
        List<Unit> pieces = new ArrayList<>();
        int start = from;
        int token = firstToken;
        while (start < to) {
            int last = Math.min(token + room, ends.length) - 1;
            int end = last < token || ends[last] >= to || ends[last] <= start ? to : ends[last];
            pieces.addAll(byCharacters(text.substring(start, end), room));
            token = last + 1;
            start = end;
        }
        return pieces;
    }

    /** Halves until each piece fits: after {@link #cutAtTokens} only ever a piece of about the room, so bounded. */
    private List<Unit> byCharacters(String text, int limit) {
        int tokens = count(text);
        if (text.length() <= 1 || tokens <= limit) {
            return List.of(new Unit(text, tokens));
        }
        int middle = text.length() / 2;
        List<Unit> pieces = new ArrayList<>(byCharacters(text.substring(0, middle), limit));
        pieces.addAll(byCharacters(text.substring(middle), limit));
        return pieces;
    }

    /**
     * Joins consecutive units while the result fits the window, each chunk led by {@code prefix}. bge's tokenizer
     * splits at white space before anything else, so texts joined by white space count as the sum of their parts.
     * Every unit fits the limit on its own ({@link #fit} cut it so).
     */
    private static List<Unit> pack(List<Unit> units, String prefix, int prefixTokens, String separator, int limit, SplitBudget budget) {
        String lead = prefix == null ? "" : prefix + "\n";
        int leadTokens = prefix == null ? 0 : prefixTokens;
        List<Unit> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentTokens = 0;
        for (Unit unit : units) {
            if (!current.isEmpty() && currentTokens + unit.tokens() <= limit) {
                budget.add(separator.length() + unit.text().length(), "chunk " + (chunks.size() + 1));
                current.append(separator).append(unit.text());
                currentTokens += unit.tokens();
                continue;
            }
            if (!current.isEmpty()) {
                chunks.add(new Unit(current.toString(), currentTokens));
                current.setLength(0);
            }
            String led = leadTokens + unit.tokens() <= limit ? lead : "";
            budget.add(led.length() + unit.text().length(), "chunk " + (chunks.size() + 1));
            current.append(led).append(unit.text());
            currentTokens = (led.isEmpty() ? 0 : leadTokens) + unit.tokens();
        }
        if (!current.isEmpty()) {
            chunks.add(new Unit(current.toString(), currentTokens));
        }
        return chunks;
    }

    private int count(String text) {
        return tokenEnds.apply(text).length;
    }

    /** Walks a text's token ends forward: how many tokens end up to a position, each token passed once. */
    private static final class TokenCursor {

        private final int[] ends;
        private int next;

        TokenCursor(int[] ends) {
            this(ends, 0);
        }

        TokenCursor(int[] ends, int next) {
            this.ends = ends;
            this.next = next;
        }

        int next() {
            return next;
        }

        /** Tokens that end at or before {@code position} and were not counted yet. */
        int advanceTo(int position) {
            int from = next;
            while (next < ends.length && ends[next] <= position) {
                next++;
            }
            return next - from;
        }
    }
}
