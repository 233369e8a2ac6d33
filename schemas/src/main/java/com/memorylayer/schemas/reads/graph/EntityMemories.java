package com.memorylayer.schemas.reads.graph;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An entity's memories, oldest first. */
public record EntityMemories(UUID entityId, List<Memory> memories) {

    /** @param mentionedAs the words that named the entity in this memory */
    public record Memory(UUID id, String content, OffsetDateTime createdAt, String layer, String memoryType, String status,
            String sessionId, String mentionedAs) {
    }
}
