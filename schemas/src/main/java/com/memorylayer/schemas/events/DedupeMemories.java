package com.memorylayer.schemas.events;

import java.util.UUID;

/**
 * Find the repeats among a workspace's live memories (the same wording: see the ingest worker's
 * {@code DuplicateFinder}) and merge up to {@code maxMerges} of them, each into the one kept; with {@code dryRun} only
 * find them. {@code threshold} (a cosine) decided in earlier releases; it is still checked and carried so that
 * commands already in the log read the same, but no longer decides: a paraphrase above any cosine is not a repeat.
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
