package com.memorylayer.retrieval.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
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

    @Override
    public void close() {
        tokenizer.close();
    }
}
