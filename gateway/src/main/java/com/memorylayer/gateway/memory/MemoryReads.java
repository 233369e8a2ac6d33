package com.memorylayer.gateway.memory;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;

import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceReadDsl;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoryHistoryRecord;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import com.memorylayer.web.time.StorableTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a workspace's memories straight from its schema, the system of record: one memory with its notes and
 * recent history, a page of memories, a memory's history, an erasure's receipt. Only this workspace's schema is
 * read, so an id of another workspace is as unknown as an id that never was. On the workspace-read pool.
 */
@Component
public class MemoryReads {

    /** How many history entries a memory's read shows; the history route pages through all of them. */
    static final int RECENT_HISTORY = 20;

    private final WorkspaceReadDsl workspaces;
    private final CurationSettings curation;
    private final ObjectMapper mapper;

    MemoryReads(WorkspaceReadDsl workspaces, CurationSettings curation, ObjectMapper mapper) {
        this.workspaces = workspaces;
        this.curation = curation;
        this.mapper = mapper;
    }

    private DSLContext in(Workspace workspace) {
        return workspaces.in(workspace);
    }

    /** The memory's row, for checks before a write. */
    public Optional<MemoriesRecord> row(Workspace workspace, UUID id) {
        return in(workspace).selectFrom(MEMORIES).where(MEMORIES.ID.eq(id)).fetchOptional();
    }

    /**
     * The memory with its annotations and recent history; or, for the id of a write that never became a memory of
     * its own (a duplicate merged into another, a rejected one), what it came to.
     */
    public Optional<Map<String, Object>> memory(Workspace workspace, UUID id) {
        Optional<MemoriesRecord> row = row(workspace, id);
        if (row.isPresent()) {
            Map<String, Object> memory = summary(row.get());
            memory.put("annotations", in(workspace).selectFrom(ANNOTATIONS).where(ANNOTATIONS.MEMORY_ID.eq(id))
                    .orderBy(ANNOTATIONS.CREATED_AT, ANNOTATIONS.ID).fetch(a -> {
                        Map<String, Object> note = new LinkedHashMap<>();
                        note.put("id", a.getId());
                        note.put("note", a.getNote());
                        note.put("key_id", a.getActorKeyId());
                        note.put("user_id", a.getActorUserId());
                        note.put("created_at", a.getCreatedAt());
                        return note;
                    }));
            memory.put("history", history(workspace, id, RECENT_HISTORY, null).entries());
            return Optional.of(memory);
        }
        return in(workspace).select(APPLIED_EVENTS.OUTCOME).from(APPLIED_EVENTS)
                .where(APPLIED_EVENTS.MEMORY_ID.eq(id)).and(APPLIED_EVENTS.EVENT_TYPE.eq(com.memorylayer.schemas.events.RememberMemory.TYPE))
                .orderBy(APPLIED_EVENTS.APPLIED_AT.desc()).limit(1).fetchOptional(APPLIED_EVENTS.OUTCOME)
                .filter(outcome -> outcome != null && !outcome.equals(WriteOutcome.STORED.wire()))
                .map(outcome -> {
                    WriteOutcome written = new WriteOutcome(outcome);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("id", id);
                    answer.put("status", written.mergedInto() != null ? MemoryStatus.MERGED.wire() : "rejected");
                    answer.put("merged_into", written.mergedInto());
                    answer.put("outcome", outcome);
                    return answer;
                });
    }

    /** How many memories a selection names now. */
    public long count(Workspace workspace, MemorySelection selection) {
        return in(workspace).fetchCount(MEMORIES, selection.condition());
    }

    /** How many a bulk forget of this selection would forget now: never pinned ones, nor forgotten ones again. */
    public long countForgettable(Workspace workspace, MemorySelection selection) {
        return in(workspace).fetchCount(MEMORIES, selection.condition().and(MEMORIES.PINNED.isFalse())
                .and(MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire())));
    }

    /** A page of memories, newest first. */
    public record Page(List<Map<String, Object>> memories, String nextCursor) {
    }

    public Page list(Workspace workspace, MemorySelection selection, int limit, Cursor cursor) {
        Condition where = selection.condition();
        if (cursor != null) {
            where = where.and(DSL.row(MEMORIES.CREATED_AT, MEMORIES.ID).lt(cursor.createdAt(), cursor.id()));
        }
        List<MemoriesRecord> rows = in(workspace).selectFrom(MEMORIES).where(where)
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(limit + 1).fetch();
        List<Map<String, Object>> memories = rows.stream().limit(limit).map(this::summary).toList();
        String next = null;
        if (rows.size() > limit) {
            MemoriesRecord last = rows.get(limit - 1);
            next = new Cursor(last.getCreatedAt(), last.getId()).encode();
        }
        return new Page(memories, next);
    }

    /** The most important memories of a selection, most important first (the engine's recall_by_type and recall_layer). */
    public List<Map<String, Object>> mostImportant(Workspace workspace, MemorySelection selection, int limit) {
        return in(workspace).selectFrom(MEMORIES).where(selection.condition())
                .orderBy(MEMORIES.IMPORTANCE.desc(), MEMORIES.CREATED_AT.desc(), MEMORIES.ID).limit(limit).fetch(this::summary);
    }

    /** A page of history entries, newest first. */
    public record HistoryPage(List<Map<String, Object>> entries, String nextCursor) {
    }

    public HistoryPage history(Workspace workspace, UUID id, int limit, Long before) {
        Condition where = MEMORY_HISTORY.MEMORY_ID.eq(id);
        if (before != null) {
            where = where.and(MEMORY_HISTORY.ID.lt(before));
        }
        List<MemoryHistoryRecord> rows = in(workspace).selectFrom(MEMORY_HISTORY).where(where)
                .orderBy(MEMORY_HISTORY.ID.desc()).limit(limit + 1).fetch();
        List<Map<String, Object>> entries = rows.stream().limit(limit).map(this::entry).toList();
        String next = rows.size() > limit ? Long.toString(rows.get(limit - 1).getId()) : null;
        return new HistoryPage(entries, next);
    }

    /** An erasure's receipt. */
    public Optional<Map<String, Object>> erasure(Workspace workspace, UUID id) {
        return in(workspace).selectFrom(ERASURES).where(ERASURES.MEMORY_ID.eq(id)).fetchOptional(e -> {
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("memory_id", e.getMemoryId());
            receipt.put("erased_at", e.getErasedAt());
            receipt.put("reason", e.getReason());
            receipt.put("command_id", e.getEventId());
            receipt.put("cleared", Arrays.asList(e.getStores()));
            receipt.put("command_log_until", e.getCommandLogUntil());
            List<String> carried = Arrays.stream(Topic.values()).filter(Topic::holdsContent).map(Topic::topicName).toList();
            // Every topic that carried the content (a remember or edit, an ingest or import request), until one time:
            // they share the command log's retention and segment age.
            receipt.put("content_topics", carried);
            receipt.put("command_log", "the commands and ingest or import requests that carried this memory's content stay in "
                    + String.join(" and ", carried) + " until their retention ends, at the latest at command_log_until");
            return receipt;
        });
    }

    private Map<String, Object> summary(MemoriesRecord r) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("id", r.getId());
        memory.put("content", r.getContent());
        memory.put("kind", r.getKind());
        memory.put("tags", Arrays.asList(r.getTags()));
        memory.put("metadata", mapper.readTree(r.getMetadata().data()));
        memory.put("importance", r.getImportance());
        memory.put("session_id", r.getSessionId());
        memory.put("source", r.getSource());
        memory.put("layer", r.getLayer());
        memory.put("memory_type", r.getMemoryType());
        memory.put("status", r.getStatus());
        memory.put("pinned", r.getPinned());
        memory.put("version", r.getVersion());
        memory.put("access_count", r.getAccessCount());
        memory.put("last_accessed_at", r.getLastAccessedAt());
        memory.put("merged_into", r.getMergedInto());
        memory.put("superseded_by", r.getSupersededBy());
        memory.put("forgotten_at", r.getForgottenAt());
        memory.put("restore_until", r.getForgottenAt() == null ? null : r.getForgottenAt().plus(curation.restoreWindow()));
        memory.put("created_at", r.getCreatedAt());
        memory.put("updated_at", r.getUpdatedAt());
        return memory;
    }

    private Map<String, Object> entry(MemoryHistoryRecord h) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("change", h.getChange());
        entry.put("old_status", h.getOldStatus());
        entry.put("new_status", h.getNewStatus());
        entry.put("reason", h.getReason());
        entry.put("old_content", h.getOldContent());
        entry.put("details", mapper.readTree(h.getDetails().data()));
        entry.put("key_id", h.getActorKeyId());
        entry.put("user_id", h.getActorUserId());
        entry.put("command_id", h.getEventId());
        entry.put("changed_at", h.getChangedAt());
        return entry;
    }

    /** Where a page of memories ends: the last one's time and id. Opaque to clients (base64url). */
    public record Cursor(OffsetDateTime createdAt, UUID id) {

        public String encode() {
            String plain = createdAt.toInstant().toString() + "|" + id;
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the text is not a cursor this service issued */
        public static Cursor decode(String text) {
            try {
                String[] parts = new String(java.util.Base64.getUrlDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8)
                        .split("\\|");
                java.time.Instant time = java.time.Instant.parse(parts[0]);
                if (!StorableTime.storable(time)) {
                    throw new IllegalArgumentException("a time no page can start at");
                }
                return new Cursor(time.atOffset(ZoneOffset.UTC), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor", e);
            }
        }
    }
}
