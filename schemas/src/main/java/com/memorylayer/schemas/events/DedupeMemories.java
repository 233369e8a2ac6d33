package com.memorylayer.schemas.events;

import java.util.UUID;

/**
 * Find near-duplicate pairs among a workspace's live memories (cosine at least {@code threshold}) and merge up to
 * {@code maxMerges} of them, each into the one kept; with {@code dryRun} only find them.
 */
public record DedupeMemories(double threshold, int maxMerges, boolean dryRun, UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.dedupe";
    public static final int VERSION = 1;

    public DedupeMemories {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within (0, 1], was " + threshold);
        }
        if (maxMerges < 0) {
            throw new IllegalArgumentException("maxMerges must not be negative, was " + maxMerges);
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
