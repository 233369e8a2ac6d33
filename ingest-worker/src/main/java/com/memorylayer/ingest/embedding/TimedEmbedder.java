package com.memorylayer.ingest.embedding;

import com.memorylayer.retrieval.embedding.TextEmbedder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * The worker's embedder, measured: {@code memorylayer.embedder.batch} times each batch the worker embeds (a command
 * batch's or a bulk chunk's texts, in one call), and {@code memorylayer.embedder.texts} counts the texts, whose rate
 * is the items ingested per second. Both are tagged with the model, one value per worker.
 */
final class TimedEmbedder implements TextEmbedder {

    private final TextEmbedder embedder;
    private final Timer batches;
    private final Counter texts;

    TimedEmbedder(TextEmbedder embedder, MeterRegistry registry) {
        this.embedder = embedder;
        this.batches = Timer.builder("memorylayer.embedder.batch").description("One batch of texts embedded")
                .tag("model", embedder.modelName()).publishPercentileHistogram().register(registry);
        this.texts = Counter.builder("memorylayer.embedder.texts").description("Texts embedded")
                .tag("model", embedder.modelName()).register(registry);
    }

    @Override
    public float[][] embed(List<String> batch) {
        float[][] vectors = batches.record(() -> embedder.embed(batch));
        texts.increment(batch.size());
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        return embedder.embedQuery(query);
    }

    @Override
    public int tokenCount(String text) {
        return embedder.tokenCount(text);
    }

    @Override
    public int dimension() {
        return embedder.dimension();
    }

    @Override
    public String modelName() {
        return embedder.modelName();
    }

    @Override
    public void close() {
        embedder.close();
    }
}
