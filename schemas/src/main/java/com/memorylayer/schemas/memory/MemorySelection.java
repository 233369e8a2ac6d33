package com.memorylayer.schemas.memory;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which memories a request means: recall's filter language ({@code tags_any}, {@code tags_all}, {@code kind},
 * {@code session_id}, {@code metadata}, {@code created_after}, {@code created_before}) and the lifecycle's
 * ({@code status}, {@code layer}, {@code memory_type}, {@code pinned}). Every condition given must hold; an empty
 * list or a null does not restrict. Recall matches it in memory; listing, bulk forgetting and batch changes
 * through {@link #condition()} in Postgres, with the same meaning.
 *
 * @param metadata      top-level metadata keys equal to these JSON values (numbers by value: 1 equals 1.0)
 * @param createdAfter  strictly after; {@code createdBefore} strictly before
 * @param pinned        only pinned ({@code true}) or only unpinned ({@code false}) memories; null: either
 */
public record MemorySelection(List<String> tagsAny, List<String> tagsAll, String kind, String sessionId,
        Map<String, Object> metadata, Instant createdAfter, Instant createdBefore, Set<MemoryStatus> status,
        Set<MemoryLayer> layer, Set<MemoryType> memoryType, Boolean pinned) {

    public static final MemorySelection ALL = new MemorySelection(List.of(), List.of(), null, null, Map.of(), null,
            null, Set.of(), Set.of(), Set.of(), null);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public MemorySelection {
        tagsAny = tagsAny == null ? List.of() : List.copyOf(tagsAny);
        tagsAll = tagsAll == null ? List.of() : List.copyOf(tagsAll);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        status = status == null || status.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(status));
        layer = layer == null || layer.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(layer));
        memoryType = memoryType == null || memoryType.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(memoryType));
    }

    /** True when no condition is given at all: bulk forgetting refuses such a selection. */
    @JsonIgnore
    public boolean isEmpty() {
        return tagsAny.isEmpty() && tagsAll.isEmpty() && kind == null && sessionId == null && metadata.isEmpty()
                && createdAfter == null && createdBefore == null && status.isEmpty() && layer.isEmpty()
                && memoryType.isEmpty() && pinned == null;
    }

    /** The same selection, restricted to these statuses when it names none itself. */
    public MemorySelection withDefaultStatus(Set<MemoryStatus> statuses) {
        return status.isEmpty() ? new MemorySelection(tagsAny, tagsAll, kind, sessionId, metadata, createdAfter,
                createdBefore, statuses, layer, memoryType, pinned) : this;
    }

    /** The same selection, restricted to these memory types when it names none itself (recall's {@code mode}). */
    public MemorySelection withDefaultMemoryType(Set<MemoryType> types) {
        return memoryType.isEmpty() ? new MemorySelection(tagsAny, tagsAll, kind, sessionId, metadata, createdAfter,
                createdBefore, status, layer, types, pinned) : this;
    }

    public MemorySelection withPinned(Boolean only) {
        return new MemorySelection(tagsAny, tagsAll, kind, sessionId, metadata, createdAfter, createdBefore, status,
                layer, memoryType, only);
    }

    public MemorySelection withCreatedBefore(Instant before) {
        Instant earlier = createdBefore == null || (before != null && before.isBefore(createdBefore)) ? before : createdBefore;
        return new MemorySelection(tagsAny, tagsAll, kind, sessionId, metadata, createdAfter, earlier, status, layer,
                memoryType, pinned);
    }

    /** The selection as a condition on a workspace's {@code memories} table. */
    public Condition condition() {
        Condition where = DSL.noCondition();
        if (!tagsAny.isEmpty()) {
            where = where.and(DSL.arrayOverlap(MEMORIES.TAGS, tagsAny.toArray(String[]::new)));
        }
        if (!tagsAll.isEmpty()) {
            where = where.and(MEMORIES.TAGS.contains(tagsAll.toArray(String[]::new)));
        }
        if (kind != null) {
            where = where.and(MEMORIES.KIND.eq(kind));
        }
        if (sessionId != null) {
            where = where.and(MEMORIES.SESSION_ID.eq(sessionId));
        }
        if (!metadata.isEmpty()) {
            // jsonb containment: each key present with an equal value (Postgres compares jsonb numbers by value).
            where = where.and(DSL.condition("{0} @> {1}", MEMORIES.METADATA,
                    DSL.val(JSONB.valueOf(JSON.writeValueAsString(metadata)))));
        }
        if (createdAfter != null) {
            where = where.and(MEMORIES.CREATED_AT.gt(createdAfter.atOffset(ZoneOffset.UTC)));
        }
        if (createdBefore != null) {
            where = where.and(MEMORIES.CREATED_AT.lt(createdBefore.atOffset(ZoneOffset.UTC)));
        }
        if (!status.isEmpty()) {
            where = where.and(MEMORIES.STATUS.in(status.stream().map(MemoryStatus::wire).toList()));
        }
        if (!layer.isEmpty()) {
            where = where.and(MEMORIES.LAYER.in(layer.stream().map(MemoryLayer::wire).toList()));
        }
        if (!memoryType.isEmpty()) {
            where = where.and(MEMORIES.MEMORY_TYPE.in(memoryType.stream().map(MemoryType::wire).toList()));
        }
        if (pinned != null) {
            where = where.and(MEMORIES.PINNED.eq(pinned));
        }
        return where;
    }
}
