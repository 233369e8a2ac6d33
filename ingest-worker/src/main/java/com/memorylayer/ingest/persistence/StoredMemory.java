package com.memorylayer.ingest.persistence;

import java.util.UUID;

/** The outcome of applying one command: what the memory-changed event reports. */
public record StoredMemory(UUID workspaceId, UUID memoryId, UUID commandEventId, long changeSeq, boolean created) {
}
