package com.memorylayer.gateway.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How {@code POST /ingest} cuts one text into items. */
enum SplitMode {

    /** Headings, then paragraphs, then sentences, into chunks that fit the embedder's window. */
    AUTO,
    /** The whole text as one item. */
    SINGLE,
    /** Each non-blank line an item. */
    LINES,
    /** Each block between blank lines an item. */
    PARAGRAPHS,
    /** Each markdown section (a heading and what follows it up to the next heading) an item. */
    MARKDOWN,
    /** Each row after the header row an item, written as {@code column: value} lines. */
    CSV,
    /** A JSON array: each element an item, a string as its content or an object with the item fields. */
    JSON;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SplitMode> fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(wire)).findFirst();
    }

    /** Modes whose items are parts of one document, and so carry {@code metadata.chunk} and {@code document_id}. */
    boolean chunksADocument() {
        return this == AUTO || this == PARAGRAPHS || this == MARKDOWN;
    }
}
