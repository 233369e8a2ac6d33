package com.memorylayer.ingest.embedding;

import com.memorylayer.retrieval.embedding.BgeModel;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param model          FP32 (default) or INT8, the quantised bge-small: faster, slightly lower recall
 * @param cacheDirectory where the model files are unpacked from the classpath for the ONNX runtime
 */
@ConfigurationProperties("memorylayer.embedding")
public record EmbeddingProperties(BgeModel model, Path cacheDirectory) {

    public EmbeddingProperties {
        model = model == null ? BgeModel.FP32 : model;
        cacheDirectory = cacheDirectory == null ? Path.of(".memorylayer", "models") : cacheDirectory;
    }
}
