package com.memorylayer.ingest.curation;

import java.util.List;
import java.util.function.Function;

/**
 * A workspace-wide maintenance command being applied on the worker's maintenance consumer. Unlike an interactive
 * command, which runs inside one transaction holding the workspace's write lock, a pass reads what it needs without
 * the lock (under a statement timeout) and then writes in short transactions of a bounded size, so that the
 * workspace's own interactive commands wait at most one such transaction, and no other workspace waits at all.
 * Each write re-reads what it changes: anything that moved since the read is checked again, never overwritten.
 */
public interface MaintenanceTx {

    /** One read-only transaction, without the write lock; its statements are cut off at the statement timeout. */
    <T> T read(Function<WorkspaceTx, T> work);

    /**
     * One short transaction under the workspace's write lock. The memories it reports changed follow the entity graph
     * in the same transaction and are announced once it commits.
     */
    List<Applied.ChangedMemory> write(Function<WorkspaceTx, List<Applied.ChangedMemory>> work);

    /** How far the pass got, readable through {@code GET /commands/{id}} while it runs. @param total null if unknown */
    void progress(String step, long done, Long total);

    /** True once the pass has run for its time bound: it stops at the next chunk and says it is not complete. */
    boolean timeUp();

    /** When the pass started: what its rules' ages are measured from. */
    java.time.OffsetDateTime startedUtc();

    /** The most rows one step of a pass reads or changes. */
    int maxRows();

    /** Rows (or merges) written in one transaction. */
    int rowsPerTransaction();

    /** The most memories a dedupe pass compares, each with each: bounds its pairs to n(n-1)/2. */
    int maxComparedMemories();
}
