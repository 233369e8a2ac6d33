package com.memorylayer.schemas.events;

import java.util.Objects;
import java.util.UUID;

/**
 * Erase a memory now: its row, vectors, lexical entry, annotations and history go, and a receipt says when and from
 * which stores. Asked for by a person or key, or by the purge of memories forgotten longer than the restore window.
 */
public record EraseMemory(UUID memoryId, String reason, UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.erase";
    public static final int VERSION = 1;

    public EraseMemory {
        Objects.requireNonNull(memoryId, "memoryId");
        reason = reason == null || reason.isBlank() ? "requested" : reason;
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
