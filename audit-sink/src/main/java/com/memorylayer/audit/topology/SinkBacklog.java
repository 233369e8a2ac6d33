package com.memorylayer.audit.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rows each task holds in its state stores and has not yet written to Postgres. Zero everywhere, with the
 * consumer at the end of the topics, means the tables are complete: what a replay waits for. Also how the writes of
 * those rows (the flushes) went, per processor, for {@code memorylayer.auditsink.flush}.
 */
public final class SinkBacklog {

    /** One processor's flushes since the start: how many, their time in all, how many Postgres refused. */
    public record FlushTotals(LongAdder count, LongAdder nanos, LongAdder failed) {
    }

    private final Map<String, Long> pendingByTask = new ConcurrentHashMap<>();
    private final Map<String, FlushTotals> flushes = new ConcurrentHashMap<>();

    public void report(String processor, String task, long pending) {
        pendingByTask.put(processor + "/" + task, pending);
    }

    public void forget(String processor, String task) {
        pendingByTask.remove(processor + "/" + task);
    }

    /** A flush of {@code processor}'s pending rows took {@code nanos}; {@code written} false if Postgres refused it. */
    public void flushed(String processor, long nanos, boolean written) {
        FlushTotals totals = flushTotals(processor);
        totals.count().increment();
        totals.nanos().add(nanos);
        if (!written) {
            totals.failed().increment();
        }
    }

    public FlushTotals flushTotals(String processor) {
        return flushes.computeIfAbsent(processor, name -> new FlushTotals(new LongAdder(), new LongAdder(), new LongAdder()));
    }

    public long pending() {
        return pendingByTask.values().stream().mapToLong(Long::longValue).sum();
    }
}
