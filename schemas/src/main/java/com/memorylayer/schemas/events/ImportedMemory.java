package com.memorylayer.schemas.events;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A memory exactly as {@code GET /export} wrote it, to be recreated with its id, times, lifecycle, history and
 * notes; only its embedding is computed afresh (an export leaves derived data out).
 */
public record ImportedMemory(
        UUID id,
        String content,
        String kind,
        List<String> tags,
        Map<String, Object> metadata,
        double importance,
        String sessionId,
        MemoryLayer layer,
        MemoryType memoryType,
        boolean pinned,
        String source,
        MemoryStatus status,
        int version,
        UUID mergedInto,
        UUID supersededBy,
        Instant forgottenAt,
        Instant createdAt,
        Instant updatedAt,
        List<HistoryEntry> history,
        List<Annotation> annotations) {

    public ImportedMemory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(status, "status");
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content must not be blank");
        }
        if ((status == MemoryStatus.FORGOTTEN) != (forgottenAt != null)) {
            throw new IllegalArgumentException("forgotten_at is given exactly when the status is forgotten");
        }
        kind = kind == null ? "note" : kind;
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = copy(metadata);
        layer = layer == null ? MemoryLayer.EPISODIC : layer;
        memoryType = memoryType == null ? MemoryType.NARRATIVE : memoryType;
        history = history == null ? List.of() : List.copyOf(history);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    /** JSON objects may hold nulls, which {@link Map#copyOf} refuses. */
    private static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** One entry of the memory's history, oldest first. */
    public record HistoryEntry(UUID eventId, String change, String oldStatus, String newStatus, String reason,
            String oldContent, Map<String, Object> details, UUID actorKeyId, UUID actorUserId, Instant changedAt) {

        public HistoryEntry {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(changedAt, "changedAt");
            details = copy(details);
        }
    }

    /** A note about the memory. */
    public record Annotation(UUID id, String note, UUID actorKeyId, UUID actorUserId, Instant createdAt) {

        public Annotation {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
