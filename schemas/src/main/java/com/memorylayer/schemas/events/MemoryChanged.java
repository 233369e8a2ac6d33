package com.memorylayer.schemas.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A memory changed by a curation command (edited, annotated, a new status, erased, absorbing a duplicate).
 * Emitted by the ingest worker after the database commit, one per memory a command touched.
 *
 * @param change    {@code edited}, {@code annotated}, {@code status}, {@code erased}, {@code merged} (absorbed
 *                  another) or {@code updated} (a batch's tag, layer or pin change)
 * @param outcome   the command's outcome for this memory ({@code updated}, {@code rejected:<reason>} …)
 * @param changeSeq the memory's change sequence after the change (an erasure's receipt's)
 */
public record MemoryChanged(UUID memoryId, UUID commandEventId, String change, String outcome, long changeSeq)
        implements MemoryChange {

    public static final String TYPE = "memorylayer.memory.changed";
    public static final int VERSION = 1;

    public MemoryChanged {
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(commandEventId, "commandEventId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
