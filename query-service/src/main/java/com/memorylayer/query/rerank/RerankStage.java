package com.memorylayer.query.rerank;

import com.memorylayer.retrieval.rerank.CrossEncoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The optional cross-encoder stage. No package ships {@code ms-marco-MiniLM-L-6-v2} and the model hub is out of
 * reach, so the stage is active only when an operator put the files in the configured directory; otherwise
 * recall runs on fusion alone and every recall response and the health route name the reranker as {@code none}.
 */
@Component
public class RerankStage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RerankStage.class);
    public static final String NONE = "none";

    private final CrossEncoder encoder;
    private final int candidates;

    public RerankStage(RerankProperties properties) {
        this.candidates = properties.candidates();
        if (CrossEncoder.isPresent(properties.crossEncoderDirectory())) {
            this.encoder = CrossEncoder.load(properties.crossEncoderDirectory());
            log.info("reranking with the cross-encoder in {}", properties.crossEncoderDirectory());
        } else {
            this.encoder = null;
            log.info("no cross-encoder in {} (model.onnx + tokenizer.json): recall runs without reranking",
                    properties.crossEncoderDirectory());
        }
    }

    public boolean isActive() {
        return encoder != null;
    }

    public String name() {
        return encoder == null ? NONE : "cross-encoder:" + encoder.name();
    }

    /** How many fused results to hand to {@link #score}. */
    public int candidates() {
        return candidates;
    }

    /** Relevance of each document to the query, squashed into (0, 1) by the logistic function. */
    public double[] score(String query, List<String> documents) {
        float[] logits = encoder.score(query, documents);
        double[] scores = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            scores[i] = 1 / (1 + Math.exp(-logits[i]));
        }
        return scores;
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
