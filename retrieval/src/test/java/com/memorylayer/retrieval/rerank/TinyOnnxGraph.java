package com.memorylayer.retrieval.rerank;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a real, tiny ONNX model without any ML framework: the protobuf bytes of a graph with a cross-encoder's
 * interface (inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids}; output {@code logits}
 * shaped (batch, 1)) whose logit is the number of document-segment tokens:
 * {@code ReduceSum(Cast(attention_mask * token_type_ids), axis 1)}. ONNX Runtime loads and runs it like any
 * exported model, so the loading, pair encoding and scoring code are exercised for real, and the expected score
 * of every pair is known exactly.
 */
public final class TinyOnnxGraph {

    private static final int INT64 = 7;
    private static final int FLOAT = 1;

    private TinyOnnxGraph() {
    }

    public static void writeDocumentLengthModel(Path file) throws IOException {
        Proto axes = new Proto().varint(1, 1).varint(2, INT64).ints64Packed(7, 1).string(8, "axes");
        Proto graph = new Proto()
                .message(1, node("mul", "Mul", new String[] {"attention_mask", "token_type_ids"}, "doc_mask", null))
                .message(1, node("cast", "Cast", new String[] {"doc_mask"}, "doc_mask_f",
                        new Proto().string(1, "to").varint(3, FLOAT).varint(20, 2)))
                .message(1, node("sum", "ReduceSum", new String[] {"doc_mask_f", "axes"}, "logits",
                        new Proto().string(1, "keepdims").varint(3, 1).varint(20, 2)))
                .string(2, "document-length")
                .message(5, axes)
                .message(11, tensorInfo("input_ids", INT64, "batch", "tokens"))
                .message(11, tensorInfo("attention_mask", INT64, "batch", "tokens"))
                .message(11, tensorInfo("token_type_ids", INT64, "batch", "tokens"))
                .message(12, tensorInfo("logits", FLOAT, "batch", null));
        Proto model = new Proto()
                .varint(1, 8)
                .string(2, "memorylayer-test")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13));
        Files.write(file, model.bytes());
    }

    private static Proto node(String name, String op, String[] inputs, String output, Proto attribute) {
        Proto node = new Proto();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, name).string(4, op);
        if (attribute != null) {
            node.message(5, attribute);
        }
        return node;
    }

    /** A tensor's name, element type and shape; a null dimension name means a fixed size of 1. */
    private static Proto tensorInfo(String name, int elementType, String dim0, String dim1) {
        Proto shape = new Proto().message(1, new Proto().string(2, dim0))
                .message(1, dim1 == null ? new Proto().varint(1, 1) : new Proto().string(2, dim1));
        Proto tensor = new Proto().varint(1, elementType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    /** Just enough of the protobuf wire format: varints, length-delimited strings and messages. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto ints64Packed(int field, long... values) {
            Proto p = new Proto();
            for (long v : values) {
                p.writeVarint(v);
            }
            return bytes(field, p.bytes());
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return bytes(field, message.bytes());
        }

        private Proto bytes(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
