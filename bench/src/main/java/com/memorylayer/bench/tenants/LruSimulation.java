package com.memorylayer.bench.tenants;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The warm-runtime cache replayed on paper: least recently used out, {@code capacity} per replica, the access
 * stream split among replicas by {@code replicaOf} (as the gateway routes by workspace). Simulated, not measured;
 * measured ratios are printed beside it at the caps that were run.
 */
final class LruSimulation {

    private LruSimulation() {
    }

    /** The share of accesses after the first {@code warmup} that found their workspace warm. */
    static double hitRatio(int[] stream, int warmup, int capacity, int replicas, IntUnaryOperator replicaOf) {
        @SuppressWarnings("unchecked")
        LinkedHashMap<Integer, Boolean>[] caches = new LinkedHashMap[replicas];
        for (int r = 0; r < replicas; r++) {
            caches[r] = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                    return size() > capacity;
                }
            };
        }
        long hits = 0;
        for (int i = 0; i < stream.length; i++) {
            LinkedHashMap<Integer, Boolean> cache = caches[replicas == 1 ? 0 : replicaOf.applyAsInt(stream[i])];
            boolean hit = cache.get(stream[i]) != null;
            if (!hit) {
                cache.put(stream[i], Boolean.TRUE);
            }
            if (i >= warmup && hit) {
                hits++;
            }
        }
        return hits / (double) (stream.length - warmup);
    }
}
