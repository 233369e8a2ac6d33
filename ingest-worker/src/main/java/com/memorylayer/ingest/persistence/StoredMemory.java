package com.memorylayer.ingest.persistence;

import java.util.UUID;

/**
 * A remember as applied: what its {@code memorylayer.memory.stored} event reports.
 *
 * @param created false when the write found the command already applied: nothing changed
 * @param outcome {@code stored}, {@code merged_into:<id>} or {@code rejected:<reason>}
 */
public record StoredMemory(UUID workspaceId, UUID memoryId, UUID commandEventId, long changeSeq, boolean created,
        String outcome) {
}
