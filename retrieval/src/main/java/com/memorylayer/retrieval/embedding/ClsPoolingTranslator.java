package com.memorylayer.retrieval.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.memorylayer.retrieval.bert.BertInputs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;

/**
 * Feeds a batch of texts to a BERT-style ONNX encoder and reads one sentence vector per text: the hidden state
 * of the first ({@code [CLS]}) token, scaled to unit length.
 *
 * <p>CLS pooling is what bge models were trained with (mean pooling gives worse vectors for them). Unit length
 * lets search use a plain dot product as cosine similarity: {@code v / ||v||₂}.
 *
 * <p>The texts of one call are padded to the longest of them; the attention mask keeps padding from changing
 * the result. Stateless apart from the tokenizer, which is safe to share between threads.
 */
final class ClsPoolingTranslator implements NoBatchifyTranslator<String[], float[][]> {

    static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private final HuggingFaceTokenizer tokenizer;

    ClsPoolingTranslator(HuggingFaceTokenizer tokenizer) {
        if (tokenizer == null) {
            throw new IllegalArgumentException("tokenizer must not be null");
        }
        this.tokenizer = tokenizer;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String[] texts) {
        return BertInputs.of(ctx, tokenizer.batchEncode(texts));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray hidden = outputs.get(LAST_HIDDEN_STATE);
        if (hidden == null) {
            hidden = outputs.head();
        }
        Shape shape = hidden.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalStateException("expected hidden states shaped (batch, tokens, dim), got " + shape);
        }
        int batch = Math.toIntExact(shape.get(0));
        int tokens = Math.toIntExact(shape.get(1));
        int dimension = Math.toIntExact(shape.get(2));
        FloatBuffer states = hidden.toByteBuffer().asFloatBuffer();
        float[][] vectors = new float[batch][dimension];
        for (int row = 0; row < batch; row++) {
            // Token 0 of each row is [CLS].
            states.get(row * tokens * dimension, vectors[row]);
            normalise(vectors[row]);
        }
        return vectors;
    }

    private static void normalise(float[] vector) {
        double sumOfSquares = 0;
        for (float x : vector) {
            sumOfSquares += (double) x * x;
        }
        if (sumOfSquares == 0) {
            return;
        }
        float scale = (float) (1.0 / Math.sqrt(sumOfSquares));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
    }
}
