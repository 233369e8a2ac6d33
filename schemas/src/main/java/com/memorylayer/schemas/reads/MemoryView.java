package com.memorylayer.schemas.reads;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A memory as it stands: what {@code GET /memories/{id}} answers (with its notes and recent history), and each
 * memory of a page ({@code GET /memories}, the MCP list tools; there without notes and history, which are then
 * left out of the JSON rather than answered empty).
 *
 * @param restoreUntil until when a forgotten memory can be restored (null unless forgotten)
 * @param annotations  its notes, oldest first; null in a page
 * @param history      its most recent changes, newest first; null in a page
 */
public record MemoryView(UUID id, String content, String kind, List<String> tags, JsonNode metadata, Double importance,
        String sessionId, String source, String layer, String memoryType, String status, Boolean pinned, Integer version,
        Long accessCount, OffsetDateTime lastAccessedAt, UUID mergedInto, UUID supersededBy, OffsetDateTime forgottenAt,
        OffsetDateTime restoreUntil, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<MemoryNote> annotations,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<MemoryChange> history) {

    /** The same memory with its notes and recent history. */
    public MemoryView withDetail(List<MemoryNote> notes, List<MemoryChange> changes) {
        return new MemoryView(id, content, kind, tags, metadata, importance, sessionId, source, layer, memoryType, status,
                pinned, version, accessCount, lastAccessedAt, mergedInto, supersededBy, forgottenAt, restoreUntil, createdAt,
                updatedAt, List.copyOf(notes), List.copyOf(changes));
    }
}
