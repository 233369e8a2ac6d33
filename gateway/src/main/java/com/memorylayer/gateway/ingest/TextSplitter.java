package com.memorylayer.gateway.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Cuts a text into the pieces {@code POST /ingest} stores as items (every mode but JSON, which the request parser
 * reads as items). {@link SplitMode#AUTO} keeps each piece within the embedder's window as its own tokenizer counts
 * it: anything past the window would be invisible to dense recall. It packs whole paragraphs of one section
 * together while they fit, cuts a paragraph that does not fit at sentences, and a sentence that does not at words;
 * every chunk of a section after its first starts with the section's heading, so it still says what it is about.
 */
final class TextSplitter {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+\\S.*$");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
    // A sentence ends at . ! or ? (and any closing quotes or brackets) followed by white space.
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"')\\]]?)\\s+");

    private final ToIntFunction<String> tokens;
    private final int window;

    /** @param tokens counts a text's tokens, special tokens left out; @param window the most one chunk may hold */
    TextSplitter(ToIntFunction<String> tokens, int window) {
        this.tokens = tokens;
        this.window = window;
    }

    List<String> split(String text, SplitMode mode) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        List<String> pieces = switch (mode) {
            case SINGLE -> List.of(normalised.strip());
            case LINES -> normalised.lines().map(String::strip).toList();
            case PARAGRAPHS -> List.of(BLANK_LINES.split(normalised));
            case MARKDOWN -> sections(normalised).stream().map(Section::text).toList();
            case AUTO -> auto(normalised);
            case CSV -> CsvRows.items(normalised);
            case JSON -> throw new IllegalArgumentException("JSON is read as items, not split");
        };
        return pieces.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private record Section(String heading, String body) {

        String text() {
            return heading == null ? body : heading + "\n" + body;
        }
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
            if (!inFence && HEADING.matcher(line).matches()) {
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

    private List<String> auto(String text) {
        List<String> chunks = new ArrayList<>();
        for (Section section : sections(text)) {
            String heading = section.heading();
            // A heading that takes much of the window is text of its own: repeating it would leave no room.
            String prefix = heading != null && count(heading) <= window / 4 ? heading : null;
            // Room left in a chunk once the heading leads it.
            int room = window - (prefix == null ? 0 : count(prefix));
            List<String> units = new ArrayList<>();
            if (heading != null && prefix == null) {
                units.addAll(fit(heading, room));
            }
            for (String paragraph : BLANK_LINES.split(section.body())) {
                if (!paragraph.isBlank()) {
                    units.addAll(fit(paragraph.strip(), room));
                }
            }
            chunks.addAll(pack(units, prefix, "\n\n", window));
        }
        return chunks;
    }

    /** The paragraph whole if it fits the room, else its sentences (and a sentence too long, its words) packed. */
    private List<String> fit(String paragraph, int room) {
        if (count(paragraph) <= room) {
            return List.of(paragraph);
        }
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(paragraph)) {
            if (count(sentence) <= room) {
                sentences.add(sentence);
            } else {
                sentences.addAll(pack(List.of(sentence.split("\\s+")), null, " ", room));
            }
        }
        return pack(sentences, null, " ", room);
    }

    /**
     * Joins consecutive units while the result fits the window, each chunk led by {@code prefix}. bge's tokenizer
     * splits at white space before anything else, so texts joined by white space count as the sum of their parts:
     * each unit is counted once. A unit too long on its own (a word of thousands of characters) is cut by characters.
     */
    private List<String> pack(List<String> units, String prefix, String separator, int limit) {
        String lead = prefix == null ? "" : prefix + "\n";
        int leadTokens = prefix == null ? 0 : count(prefix);
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentTokens = 0;
        for (String unit : units) {
            int unitTokens = count(unit);
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
            } else if (unitTokens <= limit) {
                current.append(unit);
                currentTokens = unitTokens;
            } else {
                chunks.addAll(byCharacters(unit, limit));
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** Last resort for text with no spaces: halves until each piece fits. */
    private List<String> byCharacters(String text, int limit) {
        if (text.length() <= 1 || count(text) <= limit) {
            return List.of(text);
        }
        int middle = text.length() / 2;
        List<String> pieces = new ArrayList<>(byCharacters(text.substring(0, middle), limit));
        pieces.addAll(byCharacters(text.substring(middle), limit));
        return pieces;
    }

    private int count(String text) {
        return tokens.applyAsInt(text);
    }
}
