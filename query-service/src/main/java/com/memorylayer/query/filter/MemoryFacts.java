package com.memorylayer.query.filter;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What filters look at, kept per memory in the warm runtime so filtering needs no database round trip: every
 * field {@link com.memorylayer.schemas.memory.MemorySelection} can restrict, lifecycle included.
 */
public record MemoryFacts(Set<String> tags, String kind, String sessionId, Map<String, Object> metadata, Instant createdAt,
        MemoryStatus status, MemoryLayer layer, MemoryType memoryType, boolean pinned) {
}
