package com.memorylayer.retrieval.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * bge-small's own tokenizer without the model: for code that must know how much of a text the embedder will see
 * (splitting long documents into chunks that fit its window) but never embeds. Counts are not truncated.
 * Thread-safe.
 */
public final class BgeTokenizer implements AutoCloseable {

    /** Tokens one chunk may hold so that, with {@code [CLS]} and {@code [SEP]}, it fits the model's window. */
    public static final int WINDOW = BgeSmallEmbedder.MAX_TOKENS - 2;

    private final HuggingFaceTokenizer tokenizer;

    private BgeTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads the variant's tokenizer file, copied from the classpath into {@code cacheDirectory} first if needed. */
    public static BgeTokenizer load(BgeModel variant, Path cacheDirectory) {
        BgeSmallEmbedder.prepareDjl(cacheDirectory);
        try {
            Path file = new ModelFileCache(cacheDirectory).fileFor(variant.tokenizerResource());
            return new BgeTokenizer(HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the " + variant + " tokenizer from " + cacheDirectory, e);
        }
    }

    /** How many tokens the text is, special tokens left out. */
    public int count(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /**
     * Where each token of the text ends, as an index into the string (exclusive), special tokens left out; its length
     * is {@link #count}. One pass over a long text then gives the count of any part of it that starts and ends at white
     * space (bge's tokenizer splits there first), where counting each part apart would tokenize once per part.
     */
    public int[] tokenEnds(String text) {
        CharSpan[] spans = tokenizer.encode(text).getCharTokenSpans();
        int[] ends = new int[spans.length];
        // The tokenizer's offsets count code points; a Java string counts UTF-16 units (two for an emoji).
        int codePoint = 0;
        int index = 0;
        for (int i = 0; i < spans.length; i++) {
            int end = spans[i] == null ? codePoint : spans[i].getEnd();
            while (codePoint < end && index < text.length()) {
                index += Character.charCount(text.codePointAt(index));
                codePoint++;
            }
            ends[i] = index;
        }
        return ends;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
