package com.memorylayer.retrieval.bert;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;
import java.nio.LongBuffer;

/**
 * The three int64 tensors a BERT-style ONNX graph takes — {@code input_ids}, {@code attention_mask},
 * {@code token_type_ids} — from a padded batch of encodings. Each tensor is named after the graph input it feeds,
 * in the order the graph declares them, so the order of the model's inputs does not matter.
 */
public final class BertInputs {

    private BertInputs() {
    }

    /** @param encodings one batch, already padded to one length */
    public static NDList of(TranslatorContext ctx, Encoding[] encodings) {
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
                default -> throw new IllegalStateException("the model wants an input named " + name
                        + "; a BERT graph takes only input_ids, attention_mask and token_type_ids");
            };
            NDArray array = manager.create(LongBuffer.wrap(data), shape, DataType.INT64);
            array.setName(name);
            inputs.add(array);
        }
        return inputs;
    }
}
