package com.memorylayer.schemas.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Memories that recalls returned, counted by the query service off the request path and sent in batches: each
 * memory's count since the last batch and when it was last returned. Applying it changes no content, so warm
 * runtimes are not asked to refresh.
 */
public record MemoriesAccessed(List<Access> accesses) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.accessed";
    public static final int VERSION = 1;

    /** One memory's recalls in the batch. */
    public record Access(UUID memoryId, long count, Instant lastAccessedAt) {

        public Access {
            Objects.requireNonNull(memoryId, "memoryId");
            Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
            if (count < 1) {
                throw new IllegalArgumentException("count must be positive, was " + count);
            }
        }
    }

    public MemoriesAccessed {
        accesses = List.copyOf(accesses);
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
