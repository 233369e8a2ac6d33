package com.memorylayer.audit.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows each task holds in its state stores and has not yet written to Postgres. Zero everywhere, with the
 * consumer at the end of the topics, means the tables are complete: what a replay waits for.
 */
public final class SinkBacklog {

    private final Map<String, Long> pendingByTask = new ConcurrentHashMap<>();

    public void report(String processor, String task, long pending) {
        pendingByTask.put(processor + "/" + task, pending);
    }

    public void forget(String processor, String task) {
        pendingByTask.remove(processor + "/" + task);
    }

    public long pending() {
        return pendingByTask.values().stream().mapToLong(Long::longValue).sum();
    }
}
