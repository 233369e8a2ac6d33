package com.memorylayer.schemas.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A memory is in its workspace schema and recallable. Emitted by the ingest worker after the database commit.
 *
 * @param commandEventId the id of the command event that produced this change
 * @param changeSeq      the memory's change sequence in its workspace schema
 * @param created        false when the write found the command already applied (another delivery of it got
 *                       there first): nothing changed. A command found applied before the write gets no event.
 * @param outcome        added within v1: {@code stored}, or {@code merged_into:<id>} when a live memory absorbed
 *                       it as a near-duplicate ({@code memoryId} then resolves to that one), or
 *                       {@code rejected:<reason>}; absent in older events: stored
 */
public record MemoryStored(UUID memoryId, UUID commandEventId, long changeSeq, boolean created, String outcome)
        implements MemoryChange {

    public static final String TYPE = "memorylayer.memory.stored";
    public static final int VERSION = 1;

    public MemoryStored {
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(commandEventId, "commandEventId");
        outcome = outcome == null ? "stored" : outcome;
    }

    /** A memory stored as its command asked. */
    public MemoryStored(UUID memoryId, UUID commandEventId, long changeSeq, boolean created) {
        this(memoryId, commandEventId, changeSeq, created, null);
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
