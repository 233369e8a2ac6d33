package com.memorylayer.retrieval.embedding;

import java.util.List;

/**
 * Turns text into dense vectors for cosine search.
 *
 * <p>Documents and queries go through separate methods so an implementation may treat them differently
 * (some models want an instruction prefix on queries); vectors from both are directly comparable.
 * Implementations are thread-safe.
 */
public interface TextEmbedder extends AutoCloseable {

    /** Embeds documents, in order: row {@code i} of the result is the vector of {@code texts.get(i)}. */
    float[][] embed(List<String> texts);

    /** Embeds one search query. */
    float[] embedQuery(String query);

    /**
     * How many model tokens {@link #embed} feeds to the model for this text, after truncation: what embedding
     * work is metered in.
     */
    int tokenCount(String text);

    /** Length of every vector this embedder returns. */
    int dimension();

    /**
     * Names the model and variant that produced the vectors, so stored vectors can be told apart when the
     * model changes (vectors of different models are not comparable).
     */
    String modelName();

    @Override
    void close();
}
