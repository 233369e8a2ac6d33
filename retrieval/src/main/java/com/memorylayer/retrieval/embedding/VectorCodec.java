package com.memorylayer.retrieval.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs a vector into bytes for a Postgres {@code bytea} column and back: little-endian IEEE-754 float32,
 * 4 bytes per component, no header (the length follows from the byte count).
 *
 * <p>Little-endian because it is the native order of the machines we run on, so a reader in another
 * language can map the bytes straight onto a float array.
 */
public final class VectorCodec {

    private VectorCodec() {}

    public static byte[] encode(float[] vector) {
        if (vector == null) {
            throw new IllegalArgumentException("vector must not be null");
        }
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] decode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException(
                    "a float32 vector has a multiple of 4 bytes, got " + bytes.length + " bytes");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
