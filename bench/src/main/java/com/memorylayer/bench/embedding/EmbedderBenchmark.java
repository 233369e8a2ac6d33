package com.memorylayer.bench.embedding;

import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import java.nio.file.Path;
import java.util.List;

/** The embedder's raw throughput on real conversation turns, by model and batch size. */
public final class EmbedderBenchmark {

    private EmbedderBenchmark() {
    }

    public static void run(List<String> texts) {
        List<String> sample = texts.subList(0, Math.min(640, texts.size()));
        for (BgeModel model : BgeModel.values()) {
            try (BgeSmallEmbedder embedder = BgeSmallEmbedder.load(model, Path.of("bench", "target", "model-cache"))) {
                embedder.embed(sample.subList(0, 64));
                for (int batch : new int[] {1, 8, 32, 64}) {
                    long started = System.nanoTime();
                    for (int i = 0; i < sample.size(); i += batch) {
                        embedder.embed(sample.subList(i, Math.min(sample.size(), i + batch)));
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("%s batch %d: %.0f texts/s%n", model, batch, sample.size() / seconds);
                }
            }
        }
    }
}
