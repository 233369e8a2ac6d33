package com.memorylayer.retrieval.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Nearest-neighbour search by cosine similarity over vectors held in memory: every stored vector is scored (a
 * full scan, no approximate index), but against 8-bit codes, so scores are close to the exact cosine, not equal
 * to it.
 *
 * <p>Vectors are scaled to unit length when stored and the query is too, so the score is
 * {@code cos(q, d) = q·d / (||q|| ||d||)}, in [-1, 1]. A zero vector scores 0 against everything.
 *
 * <p>Stored vectors are quantised to 8 bits: each unit vector becomes bytes {@code round(x / s)} with one
 * scale {@code s = max|x| / 127} per vector, a quarter of the memory of floats (a warm 100k-memory workspace
 * holds 38 MB of vectors instead of 154 MB). The query stays in floats, so a score is
 * {@code s · Σ q[i] · b[i]}: cosine within about 0.005 of the exact value, which leaves rankings all but
 * unchanged (measured on LoCoMo in {@code docs/benchmarks.md}).
 *
 * <p>Layout: all codes sit in one contiguous {@code byte[]}, row {@code slot} at {@code slot * dimension},
 * with a map from id to slot. A search is a linear scan with a bounded min-heap of the best {@code k}; at 384
 * dimensions that is a few milliseconds per ten thousand vectors. Removal moves the last row into the freed
 * slot, so rows stay dense.
 *
 * <p>Derived data: Postgres holds the vectors; this index is a cache its owner fills from there and keeps
 * current (the query service: one per warm workspace, built on its first recall and refreshed by
 * {@code change_seq} at every recall). Thread-safe: searches run concurrently, writes exclusively.
 */
public final class DenseIndex {

    private static final int INITIAL_CAPACITY = 64;

    /** Worst hit first: lower score, then (for equal scores) larger id, so results are deterministic. */
    private static final Comparator<ScoredId> WORST_FIRST =
            Comparator.comparingDouble(ScoredId::score).thenComparing(ScoredId::id, Comparator.reverseOrder());

    private final int dimension;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<UUID, Integer> slotById = new HashMap<>();
    private byte[] codes;
    private float[] scales;
    private UUID[] idBySlot;
    private int size;

    public DenseIndex(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
        this.codes = new byte[INITIAL_CAPACITY * dimension];
        this.scales = new float[INITIAL_CAPACITY];
        this.idBySlot = new UUID[INITIAL_CAPACITY];
    }

    public int dimension() {
        return dimension;
    }

    /** Adds the vector under {@code id}, replacing any vector already stored under it. */
    public void put(UUID id, float[] vector) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        float[] unit = unitCopy(vector, "vector of " + id);
        lock.writeLock().lock();
        try {
            Integer slot = slotById.get(id);
            if (slot == null) {
                growIfFull();
                slot = size++;
                slotById.put(id, slot);
                idBySlot[slot] = id;
            }
            scales[slot] = quantise(unit, codes, slot * dimension);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the vector stored under {@code id}; returns whether there was one. */
    public boolean remove(UUID id) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        lock.writeLock().lock();
        try {
            Integer slot = slotById.remove(id);
            if (slot == null) {
                return false;
            }
            int last = --size;
            if (slot != last) {
                UUID moved = idBySlot[last];
                System.arraycopy(codes, last * dimension, codes, slot * dimension, dimension);
                scales[slot] = scales[last];
                idBySlot[slot] = moved;
                slotById.put(moved, slot);
            }
            idBySlot[last] = null;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Returns the {@code k} stored vectors most similar to {@code query}, best first (ties: smaller id first).
     *
     * @param accept which ids may be returned; {@code null} accepts all. Consulted only for vectors that would
     *     make the current top {@code k}, so it may be a lookup that is too slow to run on every row.
     */
    public List<ScoredId> search(float[] query, int k, Predicate<UUID> accept) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        float[] unitQuery = unitCopy(query, "query");
        PriorityQueue<ScoredId> best = new PriorityQueue<>(k + 1, WORST_FIRST);
        lock.readLock().lock();
        try {
            for (int slot = 0; slot < size; slot++) {
                float score = score(unitQuery, slot);
                if (best.size() == k && !beats(score, idBySlot[slot], best.peek())) {
                    continue;
                }
                UUID id = idBySlot[slot];
                if (accept != null && !accept.test(id)) {
                    continue;
                }
                best.add(new ScoredId(id, score));
                if (best.size() > k) {
                    best.poll();
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        List<ScoredId> hits = new ArrayList<>(best);
        hits.sort(WORST_FIRST.reversed());
        return hits;
    }

    /**
     * The same answer as {@link #search} restricted to {@code ids}, without a scan: only those vectors are scored. For
     * a filter that leaves few candidates and can name them (a time window), where the scan would test every row.
     *
     * @param accept which of {@code ids} may be returned; {@code null} accepts all. Ids not stored are left out.
     */
    public List<ScoredId> searchAmong(List<UUID> ids, float[] query, int k, Predicate<UUID> accept) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        float[] scores = similarities(ids, query);
        PriorityQueue<ScoredId> best = new PriorityQueue<>(k + 1, WORST_FIRST);
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i]) || (best.size() == k && !beats(scores[i], ids.get(i), best.peek()))) {
                continue;
            }
            if (accept != null && !accept.test(ids.get(i))) {
                continue;
            }
            best.add(new ScoredId(ids.get(i), scores[i]));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<ScoredId> hits = new ArrayList<>(best);
        hits.sort(WORST_FIRST.reversed());
        return hits;
    }

    /**
     * The similarity of each of {@code ids} to {@code query}, in order; {@code NaN} for an id not stored. For
     * re-scoring a handful of known memories without a scan.
     */
    public float[] similarities(List<UUID> ids, float[] query) {
        float[] unitQuery = unitCopy(query, "query");
        float[] scores = new float[ids.size()];
        lock.readLock().lock();
        try {
            for (int i = 0; i < scores.length; i++) {
                Integer slot = slotById.get(ids.get(i));
                scores[i] = slot == null ? Float.NaN : score(unitQuery, slot);
            }
        } finally {
            lock.readLock().unlock();
        }
        return scores;
    }

    private static boolean beats(float score, UUID id, ScoredId worst) {
        return score > worst.score() || (score == worst.score() && id.compareTo(worst.id()) < 0);
    }

    private float score(float[] unitQuery, int slot) {
        return scales[slot] * DotProduct.INSTANCE.dot(unitQuery, codes, slot * dimension, dimension);
    }

    /** Writes {@code unit} as bytes at {@code offset} and returns the scale that turns them back into floats. */
    private static float quantise(float[] unit, byte[] target, int offset) {
        float maxAbs = 0;
        for (float x : unit) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        if (maxAbs == 0) {
            Arrays.fill(target, offset, offset + unit.length, (byte) 0);
            return 0;
        }
        float step = maxAbs / 127f;
        for (int i = 0; i < unit.length; i++) {
            target[offset + i] = (byte) Math.round(unit[i] / step);
        }
        return step;
    }

    /** Which dot-product implementation this JVM runs: {@code simd-…} with the Vector API module, else scalar. */
    public static String dotProductImplementation() {
        return DotProduct.INSTANCE.name();
    }

    private float[] unitCopy(float[] vector, String what) {
        if (vector == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (vector.length != dimension) {
            throw new IllegalArgumentException(
                    what + " has " + vector.length + " dimensions, this index holds " + dimension);
        }
        double sumOfSquares = 0;
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(what + " contains " + x);
            }
            sumOfSquares += (double) x * x;
        }
        float[] unit = vector.clone();
        if (sumOfSquares > 0) {
            float scale = (float) (1.0 / Math.sqrt(sumOfSquares));
            for (int i = 0; i < unit.length; i++) {
                unit[i] *= scale;
            }
        }
        return unit;
    }

    private void growIfFull() {
        if (size < idBySlot.length) {
            return;
        }
        int capacity = Math.multiplyExact(idBySlot.length, 2);
        idBySlot = Arrays.copyOf(idBySlot, capacity);
        codes = Arrays.copyOf(codes, Math.multiplyExact(capacity, dimension));
        scales = Arrays.copyOf(scales, capacity);
    }
}
