package com.memorylayer.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DotProductTest {

    @Test
    void theTestsRunTheSimdImplementation() {
        // Surefire passes --add-modules jdk.incubator.vector, as the launcher does.
        assertThat(DenseIndex.dotProductImplementation()).startsWith("simd-");
    }

    @Test
    void simdAndScalarAgreeOnByteRowsAtAnyOffsetAndOddDimensions() {
        Random random = new Random(7);
        DotProduct scalar = new DotProduct.Scalar();
        for (int dimension : new int[] {1, 3, 7, 8, 17, 384}) {
            float[] query = new float[dimension];
            byte[] rows = new byte[dimension * 5];
            for (int i = 0; i < query.length; i++) {
                query[i] = (float) random.nextGaussian();
            }
            random.nextBytes(rows);
            for (int row = 0; row < 5; row++) {
                double exact = 0;
                double magnitude = 0;
                for (int i = 0; i < dimension; i++) {
                    exact += (double) query[i] * rows[row * dimension + i];
                    magnitude += Math.abs((double) query[i] * rows[row * dimension + i]);
                }
                // Float sums in another order: the error grows with the terms' magnitude, not with the result.
                float tolerance = (float) (1e-6 * magnitude + 1e-4);
                assertThat(DotProduct.INSTANCE.dot(query, rows, row * dimension, dimension)).isCloseTo((float) exact, within(tolerance));
                assertThat(scalar.dot(query, rows, row * dimension, dimension)).isCloseTo((float) exact, within(tolerance));
            }
        }
    }
}
