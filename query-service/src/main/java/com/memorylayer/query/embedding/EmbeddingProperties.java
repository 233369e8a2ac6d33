package com.memorylayer.query.embedding;

import com.memorylayer.retrieval.embedding.BgeModel;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The query embedder. It must be a build of the model the ingest worker embedded the memories with, or the
 * vectors do not compare. Either build of bge-small serves: int8 queries against fp32 memories ranked LoCoMo's dev
 * questions as well as fp32 queries (R@5 69.3 both, R@10 79.0 vs 78.9) and embed faster, so INT8 is the default
 * here while the ingest worker keeps FP32 (docs/benchmarks.md).
 *
 * @param model          INT8 (default) or FP32
 * @param cacheDirectory where the model files are unpacked from the classpath for the ONNX runtime
 * @param intraOpThreads threads one query's inference spreads over; 0 = every core
 */
@ConfigurationProperties("memorylayer.embedding")
public record EmbeddingProperties(BgeModel model, Path cacheDirectory, int intraOpThreads) {

    public EmbeddingProperties {
        model = model == null ? BgeModel.INT8 : model;
        cacheDirectory = cacheDirectory == null ? Path.of(".memorylayer", "models") : cacheDirectory;
    }
}
