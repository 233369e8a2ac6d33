package com.memorylayer.retrieval.rerank;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.memorylayer.retrieval.bert.BertInputs;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;

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
        return BertInputs.of(ctx, tokenizer.batchEncode(pairs));
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
