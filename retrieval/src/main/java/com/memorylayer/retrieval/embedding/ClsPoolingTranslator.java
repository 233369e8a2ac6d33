package com.memorylayer.retrieval.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

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

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
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
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int length = encodings[0].getIds().length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int row = 0; row < batch; row++) {
            System.arraycopy(encodings[row].getIds(), 0, ids, row * length, length);
            System.arraycopy(encodings[row].getAttentionMask(), 0, mask, row * length, length);
            System.arraycopy(encodings[row].getTypeIds(), 0, types, row * length, length);
        }
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch, length);
        NDList inputs = new NDList();
        // Name each tensor after the graph input it feeds, so the order the graph declares them in is irrelevant.
        for (String name : ctx.getBlock().describeInput().keys()) {
            long[] data = switch (name) {
                case INPUT_IDS -> ids;
                case ATTENTION_MASK -> mask;
                case TOKEN_TYPE_IDS -> types;
                default -> throw new IllegalStateException("the model wants an input named " + name
                        + "; a BERT encoder takes only input_ids, attention_mask and token_type_ids");
            };
            NDArray array = manager.create(LongBuffer.wrap(data), shape, DataType.INT64);
            array.setName(name);
            inputs.add(array);
        }
        return inputs;
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
