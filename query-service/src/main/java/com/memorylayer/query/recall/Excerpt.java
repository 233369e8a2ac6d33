package com.memorylayer.query.recall;

/** The start of a text for showing in place of all of it: hints, compared memories, a brief's summary, L3 lines. */
final class Excerpt {

    static final String MARK = "...";

    private Excerpt() {
    }

    /**
     * {@code text} itself when it has at most {@code chars} characters; otherwise its first {@code chars} (one fewer
     * rather than split a surrogate pair), trailing blanks dropped, then {@link #MARK}.
     */
    static String of(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        int end = chars > 0 && Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars;
        return text.substring(0, end).stripTrailing() + MARK;
    }

    /** The first line of {@code text} that is not blank, trimmed; empty when there is none. */
    static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
    }
}
