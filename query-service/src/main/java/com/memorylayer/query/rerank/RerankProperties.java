package com.memorylayer.query.rerank;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param crossEncoderDirectory where a cross-encoder's {@code model.onnx} and {@code tokenizer.json} are looked
 *                              for at start; without them recall runs without reranking and says so
 * @param candidates            how many of the fused results the cross-encoder re-scores (20)
 */
@ConfigurationProperties("memorylayer.rerank")
public record RerankProperties(Path crossEncoderDirectory, int candidates) {

    public RerankProperties {
        if (candidates < 1) {
            throw new IllegalArgumentException("memorylayer.rerank.candidates must be at least 1, was " + candidates);
        }
    }
}
