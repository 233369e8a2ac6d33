package com.memorylayer.ingest.persistence;

import java.util.UUID;

/** A memory a curation command changed (or was refused to change): what its {@code memorylayer.memory.changed} says. */
public record ChangedMemory(UUID workspaceId, UUID memoryId, UUID commandEventId, String change, String outcome,
        long changeSeq) {
}
