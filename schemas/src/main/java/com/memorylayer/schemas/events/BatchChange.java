package com.memorylayer.schemas.events;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import java.util.List;
import java.util.UUID;

/**
 * One change to many memories of a workspace, applied in one transaction: either the memories named by
 * {@code ids}, or those matching {@code selection} when the command is applied (so it sees every write accepted
 * before it). {@code forget} forgets them (never pinned ones); otherwise the tag, layer, pin and status changes
 * apply to each. With {@code dryRun} nothing changes; the result says what would.
 */
public record BatchChange(List<UUID> ids, MemorySelection selection, boolean forget, List<String> tagsAdd,
        List<String> tagsRemove, MemoryLayer layer, Boolean pinned, MemoryStatus status, String reason, boolean dryRun,
        UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.batch";
    public static final int VERSION = 1;

    public BatchChange {
        ids = ids == null ? List.of() : List.copyOf(ids);
        tagsAdd = tagsAdd == null ? List.of() : List.copyOf(tagsAdd);
        tagsRemove = tagsRemove == null ? List.of() : List.copyOf(tagsRemove);
        if (ids.isEmpty() == (selection == null)) {
            throw new IllegalArgumentException("a batch names its memories either by ids or by a selection");
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
