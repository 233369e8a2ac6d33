package com.memorylayer.schemas.events;

import java.util.UUID;

/**
 * Run the lifecycle pass over a workspace: promote, forget what was never used, merge near-duplicates. Asked for
 * over the API or by the worker's schedule (then {@code actorUserId} is null and the envelope has no key).
 */
public record ConsolidateMemories(boolean dryRun, UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.consolidate";
    public static final int VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
