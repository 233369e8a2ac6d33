package com.memorylayer.schemas.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Fold entities into one: each merged entity's name and aliases become aliases of {@code into}, its memories are
 * counted for {@code into}, and it is gone. Kept across graph rebuilds.
 */
public record MergeEntities(UUID into, List<UUID> from, UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.entity.merge";
    public static final int VERSION = 1;

    public MergeEntities {
        Objects.requireNonNull(into, "into");
        from = List.copyOf(from);
        if (from.isEmpty()) {
            throw new IllegalArgumentException("from must name at least one entity");
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
