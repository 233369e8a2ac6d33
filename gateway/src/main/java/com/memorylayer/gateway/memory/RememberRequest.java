package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A validated remember body. {@code createdAt} is null when the client left the time to the service; a null
 * layer, type, pin or dedupe takes the default (episodic, narrative, unpinned, deduplicated).
 */
record RememberRequest(String content, String kind, List<String> tags, Map<String, Object> metadata,
        String sessionId, Double importance, Instant createdAt, MemoryLayer layer, MemoryType memoryType, Boolean pinned,
        Boolean dedupe) {

    /** The command that stores it, as {@code eventId}, by {@code actorUserId} (null for a key), accepted {@code now}. */
    RememberMemory command(UUID eventId, UUID actorUserId, Instant now) {
        return new RememberMemory(eventId, content, kind, tags, metadata, importance == null ? 0.7 : importance, sessionId, "api",
                createdAt == null ? now : createdAt, layer, memoryType, pinned, dedupe, actorUserId);
    }
}
