package com.memorylayer.retrieval.search;

/**
 * {@code Σ query[i] · rows[offset + i]} over {@code dimension} float query values and 8-bit row codes, each code
 * widened to a float — the inner loop of dense search.
 *
 * <p>With {@code --add-modules jdk.incubator.vector} (the launcher and the tests pass it) the JDK's Vector API
 * computes it with SIMD lanes; without the module, a scalar loop with four accumulators does. Both give the same
 * ranking; sums may differ in the last bits because the additions happen in another order.
 */
abstract sealed class DotProduct permits DotProduct.Scalar, SimdDotProduct {

    static final DotProduct INSTANCE = choose();

    abstract float dot(float[] query, byte[] rows, int offset, int dimension);

    /** Which implementation runs, for logs and benchmarks. */
    abstract String name();

    private static DotProduct choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return new SimdDotProduct();
            } catch (LinkageError e) {
                return new Scalar();
            }
        }
        return new Scalar();
    }

    static final class Scalar extends DotProduct {
        @Override
        float dot(float[] query, byte[] rows, int offset, int dimension) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = 0;
            for (; i + 3 < dimension; i += 4) {
                s0 += query[i] * rows[offset + i];
                s1 += query[i + 1] * rows[offset + i + 1];
                s2 += query[i + 2] * rows[offset + i + 2];
                s3 += query[i + 3] * rows[offset + i + 3];
            }
            for (; i < dimension; i++) {
                s0 += query[i] * rows[offset + i];
            }
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        String name() {
            return "scalar";
        }
    }
}
