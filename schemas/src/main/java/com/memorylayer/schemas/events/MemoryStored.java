package com.memorylayer.schemas.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A memory is in its workspace schema and recallable. Emitted by the ingest worker after the database commit.
 *
 * @param commandEventId the id of the command event that produced this change
 * @param changeSeq      the memory's change sequence in its workspace schema
 * @param created        false when the command had already been applied (a replay): nothing changed
 */
public record MemoryStored(UUID memoryId, UUID commandEventId, long changeSeq, boolean created) implements MemoryChange {

    public static final String TYPE = "memorylayer.memory.stored";
    public static final int VERSION = 1;

    public MemoryStored {
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(commandEventId, "commandEventId");
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
