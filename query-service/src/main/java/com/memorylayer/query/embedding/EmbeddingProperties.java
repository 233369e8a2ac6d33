package com.memorylayer.query.embedding;

import com.memorylayer.retrieval.embedding.BgeModel;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The query embedder. It must be the model the ingest worker embedded the memories with, or the vectors do not
 * compare.
 *
 * @param model          FP32 (default) or INT8
 * @param cacheDirectory where the model files are unpacked from the classpath for the ONNX runtime
 * @param intraOpThreads threads one query's inference spreads over; 0 = every core
 */
@ConfigurationProperties("memorylayer.embedding")
public record EmbeddingProperties(BgeModel model, Path cacheDirectory, int intraOpThreads) {

    public EmbeddingProperties {
        model = model == null ? BgeModel.FP32 : model;
        cacheDirectory = cacheDirectory == null ? Path.of(".memorylayer", "models") : cacheDirectory;
    }
}
