package com.memorylayer.schemas.events;

import com.memorylayer.schemas.memory.MemoryStatus;
import java.util.Objects;
import java.util.UUID;

/**
 * Move a memory to another status, if its current one allows it ({@link MemoryStatus#next()}); forgetting is
 * {@code status: forgotten}. With {@code restore} the memory leaves {@code forgotten} for the status it had before,
 * within the restore window; {@code status} is then ignored.
 *
 * @param mergedInto   required with {@code merged}: an active or challenged memory of the same workspace
 * @param supersededBy required with {@code superseded}: likewise
 */
public record ChangeStatus(UUID memoryId, MemoryStatus status, String reason, UUID mergedInto, UUID supersededBy,
        boolean restore, UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.status";
    public static final int VERSION = 1;

    public ChangeStatus {
        Objects.requireNonNull(memoryId, "memoryId");
        if (!restore) {
            Objects.requireNonNull(status, "status");
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
