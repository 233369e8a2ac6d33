package com.memorylayer.schemas.events;

import java.util.Objects;
import java.util.UUID;

/** Draw a link from one memory to another, such as "follows_up" or "contradicts"; shown in both memories' backlinks. */
public record LinkMemories(UUID memoryId, UUID toMemoryId, String relation, UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.link";
    public static final int VERSION = 1;

    public LinkMemories {
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(toMemoryId, "toMemoryId");
        if (relation == null || relation.isBlank()) {
            throw new IllegalArgumentException("relation must not be blank");
        }
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
