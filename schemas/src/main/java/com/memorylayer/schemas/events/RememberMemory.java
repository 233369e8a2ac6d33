package com.memorylayer.schemas.events;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Store one memory. Written by the gateway after validation, applied by the ingest worker.
 *
 * @param memoryId    the id the gateway already returned to the client
 * @param createdAt   the memory's time: when it was accepted, or the time the client supplied
 * @param layer       added within v1; absent in older events: episodic
 * @param memoryType  added within v1; absent: narrative
 * @param pinned      added within v1; absent: false
 * @param dedupe      added within v1; absent or true: a near-duplicate of a live memory is merged into it instead of
 *                    stored twice; false: stored whatever
 * @param actorUserId added within v1: the signed-in person who wrote it, or null for a key
 */
public record RememberMemory(
        UUID memoryId,
        String content,
        String kind,
        List<String> tags,
        Map<String, Object> metadata,
        double importance,
        String sessionId,
        String source,
        Instant createdAt,
        MemoryLayer layer,
        MemoryType memoryType,
        Boolean pinned,
        Boolean dedupe,
        UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.remember";
    public static final int VERSION = 1;

    public RememberMemory {
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content must not be blank");
        }
        if (importance < 0 || importance > 1) {
            throw new IllegalArgumentException("importance must be within [0, 1], was " + importance);
        }
        kind = kind == null ? "note" : kind;
        tags = tags == null ? List.of() : List.copyOf(tags);
        // JSON objects may hold nulls, which Map.copyOf refuses.
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        source = source == null ? "api" : source;
        layer = layer == null ? MemoryLayer.EPISODIC : layer;
        memoryType = memoryType == null ? MemoryType.NARRATIVE : memoryType;
        pinned = pinned != null && pinned;
        dedupe = dedupe == null || dedupe;
    }

    /** A remember with v1's first fields only: an episodic narrative, unpinned, deduplicated, by a key. */
    public RememberMemory(UUID memoryId, String content, String kind, List<String> tags, Map<String, Object> metadata,
            double importance, String sessionId, String source, Instant createdAt) {
        this(memoryId, content, kind, tags, metadata, importance, sessionId, source, createdAt, null, null, null, null,
                null);
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
