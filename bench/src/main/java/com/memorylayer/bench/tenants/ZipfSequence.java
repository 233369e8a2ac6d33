package com.memorylayer.bench.tenants;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws ranks 0..n-1 with probability proportional to {@code 1/(rank+1)^s}: a few workspaces take most of the reads
 * and a long tail is read now and then, as on a hosted service. Ranks are mapped to workspaces by the caller (after a
 * shuffle, so the busiest are not simply the oldest).
 */
final class ZipfSequence {

    private final double[] cumulative;
    private final Random random;

    ZipfSequence(int n, double s, long seed) {
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        random = new Random(seed);
    }

    int next() {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }

    int[] draw(int count) {
        int[] ranks = new int[count];
        for (int i = 0; i < count; i++) {
            ranks[i] = next();
        }
        return ranks;
    }
}
