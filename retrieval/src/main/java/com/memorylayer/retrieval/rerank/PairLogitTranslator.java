package com.memorylayer.retrieval.rerank;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Encodes (query, document) pairs as one BERT input each — {@code [CLS] query [SEP] document [SEP]}, token type 0
 * for the query and 1 for the document — and reads the first logit of each row as that pair's score.
 */
final class PairLogitTranslator implements NoBatchifyTranslator<PairList<String, String>, float[]> {

    private final HuggingFaceTokenizer tokenizer;

    PairLogitTranslator(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, PairList<String, String> pairs) {
        Encoding[] encodings = tokenizer.batchEncode(pairs);
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
        for (String name : ctx.getBlock().describeInput().keys()) {
            long[] data = switch (name) {
                case "input_ids" -> ids;
                case "attention_mask" -> mask;
                case "token_type_ids" -> types;
                default -> throw new IllegalStateException("the cross-encoder wants an input named " + name
                        + "; a BERT cross-encoder takes only input_ids, attention_mask and token_type_ids");
            };
            NDArray array = manager.create(LongBuffer.wrap(data), shape, DataType.INT64);
            array.setName(name);
            inputs.add(array);
        }
        return inputs;
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray logits = outputs.get("logits");
        if (logits == null) {
            logits = outputs.head();
        }
        Shape shape = logits.getShape();
        int batch = Math.toIntExact(shape.get(0));
        int perRow = shape.dimension() == 1 ? 1 : Math.toIntExact(shape.size() / batch);
        FloatBuffer values = logits.toType(DataType.FLOAT32, false).toByteBuffer().asFloatBuffer();
        float[] scores = new float[batch];
        for (int row = 0; row < batch; row++) {
            scores[row] = values.get(row * perRow);
        }
        return scores;
    }
}
