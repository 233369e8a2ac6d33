package com.memorylayer.retrieval.search;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API form of {@link DotProduct}: loads as many codes as the CPU's widest float vector has lanes,
 * widens them to floats and fuses multiply-adds.
 */
final class SimdDotProduct extends DotProduct {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as {@link #SPECIES} has float lanes, so one load widens into exactly one float vector. */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(SPECIES.length() * 8));

    @Override
    float dot(float[] query, byte[] rows, int offset, int dimension) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(dimension);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector q = FloatVector.fromArray(SPECIES, query, i);
            FloatVector r = (FloatVector) ByteVector.fromArray(BYTES, rows, offset + i).convertShape(VectorOperators.B2F, SPECIES, 0);
            sum = q.fma(r, sum);
        }
        float result = sum.reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            result += query[i] * rows[offset + i];
        }
        return result;
    }

    @Override
    String name() {
        return "simd-" + SPECIES.length() + "x32";
    }
}
