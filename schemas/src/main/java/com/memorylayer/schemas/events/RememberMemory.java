package com.memorylayer.schemas.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Store one memory. Written by the gateway after validation, applied by the ingest worker.
 *
 * @param memoryId   the id the gateway already returned to the client
 * @param createdAt  the memory's time: when it was accepted, or the time the client supplied
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
        Instant createdAt) implements MemoryCommand {

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
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        source = source == null ? "api" : source;
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
