package com.memorylayer.audit.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a processor writes what its state stores hold pending to Postgres: every interval, and sooner once a
 * batch is full. A failed write (Postgres down) leaves everything pending and is retried at the next tick, so
 * the sink keeps consuming into its stores and loses nothing; since the stores are changelogged inside the
 * exactly-once transaction, a crash loses nothing either.
 */
public final class FlushSchedule {

    private static final Logger log = LoggerFactory.getLogger(FlushSchedule.class);

    /** Writes everything pending and clears it from the stores; throws if Postgres refused. */
    @FunctionalInterface
    public interface Flush {
        void run();
    }

    private final String processor;
    private final String task;
    private final int batch;
    private final SinkBacklog backlog;
    private final Flush flush;
    private long pending;
    private boolean failing;

    public FlushSchedule(String processor, ProcessorContext<?, ?> context, Duration interval, int batch,
            SinkBacklog backlog, long pendingAtStart, Flush flush) {
        this.processor = processor;
        this.task = context.taskId().toString();
        this.batch = batch;
        this.backlog = backlog;
        this.flush = flush;
        this.pending = pendingAtStart;
        backlog.report(processor, task, pending);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> flushNow());
    }

    /** One more row is pending. */
    public void added() {
        pending++;
        if (pending >= batch && !failing) {
            flushNow();
        } else {
            backlog.report(processor, task, pending);
        }
    }

    public void flushNow() {
        if (pending > 0) {
            long started = System.nanoTime();
            try {
                flush.run();
                backlog.flushed(processor, System.nanoTime() - started, true);
                pending = 0;
                if (failing) {
                    log.info("{} on task {} writes to Postgres again", processor, task);
                }
                failing = false;
            } catch (RuntimeException e) {
                backlog.flushed(processor, System.nanoTime() - started, false);
                if (!failing) {
                    log.warn("{} on task {} could not write {} pending rows, keeping them to retry: {}", processor, task,
                            pending, e.toString());
                }
                failing = true;
            }
        }
        backlog.report(processor, task, pending);
    }

    /** Entries a store holds: after a restart, what is still pending from before. */
    public static long entries(KeyValueStore<?, ?> store) {
        long count = 0;
        try (KeyValueIterator<?, ?> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    public void close() {
        backlog.forget(processor, task);
    }
}
