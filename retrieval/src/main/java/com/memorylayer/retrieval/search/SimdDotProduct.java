package com.memorylayer.retrieval.search;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API form of {@link DotProduct}: fused multiply-adds over the CPU's widest float lanes. */
final class SimdDotProduct extends DotProduct {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    float dot(float[] query, float[] rows, int offset, int dimension) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(dimension);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector q = FloatVector.fromArray(SPECIES, query, i);
            FloatVector r = FloatVector.fromArray(SPECIES, rows, offset + i);
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
