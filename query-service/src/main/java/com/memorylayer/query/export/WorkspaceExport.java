package com.memorylayer.query.export;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_DIARY;

import com.memorylayer.query.reads.WorkspaceReadPool;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.SessionDiaryRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes every memory of a workspace, whatever its status (an erased one is gone), as JSON lines, oldest first:
 * the fields remember accepts, plus id, created_at and the lifecycle (status, version, pin, where it was merged
 * or superseded, when it was forgotten), its history and its notes, so that {@code POST /import} recreates it
 * elsewhere as it was. Then the agent sessions' diary lines, oldest first ({@code "record": "diary"}): an agent's own
 * words, which no memory holds. Embeddings are left out: they are derived; so are the queries a session asked.
 *
 * <p>Each page of 500 is read in its own short query, after the last one's (created_at, id), and written with no
 * database connection held: a client reading slowly must not pin the pool every tenant shares (the pages are read on
 * the workspace-read pool, each under its statement timeout). The export is therefore not one snapshot: a memory
 * written while it runs may or may not be in it. How many run at once, per workspace and in all, the gateway bounds.
 */
@Component
class WorkspaceExport {

    private static final int FETCH_SIZE = 500;
    /** How an export line that is a diary line, not a memory, says so; memory lines carry no {@code record}. */
    static final String DIARY_RECORD = "diary";

    private final WorkspaceReadPool reads;
    private final ObjectMapper mapper;

    WorkspaceExport(WorkspaceReadPool reads, ObjectMapper mapper) {
        this.reads = reads;
        this.mapper = mapper;
    }

    /** The first page of memories, read before the answer starts so that a busy or failing read is still an error answer. */
    List<MemoriesRecord> firstPage(UUID workspaceId) {
        return page(reads.in(workspaceId), null);
    }

    /** Writes the export, starting with its {@link #firstPage}. */
    void write(UUID workspaceId, List<MemoriesRecord> first, OutputStream out) throws IOException {
        DSLContext dsl = reads.in(workspaceId);
        List<MemoriesRecord> page = first;
        while (true) {
            writePage(dsl, page, out);
            if (page.size() < FETCH_SIZE) {
                break;
            }
            page = page(dsl, page.getLast());
        }
        writeDiary(dsl, out);
    }

    private static List<MemoriesRecord> page(DSLContext dsl, MemoriesRecord last) {
        var query = dsl.selectFrom(MEMORIES);
        return (last == null ? query : query.where(DSL.row(MEMORIES.CREATED_AT, MEMORIES.ID).gt(last.getCreatedAt(), last.getId())))
                .orderBy(MEMORIES.CREATED_AT, MEMORIES.ID).limit(FETCH_SIZE).fetch();
    }

    /** The diary lines, a page at a time like the memories, each a line of its own marked {@code "record": "diary"}. */
    private void writeDiary(DSLContext dsl, OutputStream out) throws IOException {
        SessionDiaryRecord last = null;
        while (true) {
            var query = dsl.selectFrom(SESSION_DIARY);
            List<SessionDiaryRecord> page = (last == null ? query
                    : query.where(DSL.row(SESSION_DIARY.WRITTEN_AT, SESSION_DIARY.ID).gt(last.getWrittenAt(), last.getId())))
                    .orderBy(SESSION_DIARY.WRITTEN_AT, SESSION_DIARY.ID).limit(FETCH_SIZE).fetch();
            for (SessionDiaryRecord r : page) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("record", DIARY_RECORD);
                line.put("id", r.getId());
                line.put("session_id", r.getSessionId());
                line.put("entry", r.getEntry());
                line.put("written_at", r.getWrittenAt().toString());
                out.write(mapper.writeValueAsBytes(line));
                out.write('\n');
            }
            if (page.size() < FETCH_SIZE) {
                return;
            }
            last = page.getLast();
        }
    }

    /** A page of memories with their history and notes, read for the page at once rather than a query per memory. */
    private void writePage(DSLContext dsl, List<MemoriesRecord> page, OutputStream out) throws IOException {
        if (page.isEmpty()) {
            return;
        }
        List<UUID> ids = page.stream().map(MemoriesRecord::getId).toList();
        Map<UUID, List<Map<String, Object>>> history = new HashMap<>();
        for (var h : dsl.selectFrom(MEMORY_HISTORY).where(MEMORY_HISTORY.MEMORY_ID.in(ids)).orderBy(MEMORY_HISTORY.ID).fetch()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("event_id", h.getEventId());
            entry.put("change", h.getChange());
            entry.put("old_status", h.getOldStatus());
            entry.put("new_status", h.getNewStatus());
            entry.put("reason", h.getReason());
            entry.put("old_content", h.getOldContent());
            entry.put("details", mapper.readValue(h.getDetails().data(), JsonNode.class));
            entry.put("actor_key_id", h.getActorKeyId());
            entry.put("actor_user_id", h.getActorUserId());
            entry.put("changed_at", h.getChangedAt().toString());
            history.computeIfAbsent(h.getMemoryId(), m -> new ArrayList<>()).add(entry);
        }
        Map<UUID, List<Map<String, Object>>> notes = new HashMap<>();
        for (var a : dsl.selectFrom(ANNOTATIONS).where(ANNOTATIONS.MEMORY_ID.in(ids))
                .orderBy(ANNOTATIONS.CREATED_AT, ANNOTATIONS.ID).fetch()) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("id", a.getId());
            note.put("note", a.getNote());
            note.put("actor_key_id", a.getActorKeyId());
            note.put("actor_user_id", a.getActorUserId());
            note.put("created_at", a.getCreatedAt().toString());
            notes.computeIfAbsent(a.getMemoryId(), m -> new ArrayList<>()).add(note);
        }
        for (MemoriesRecord r : page) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", r.getId());
            line.put("content", r.getContent());
            line.put("kind", r.getKind());
            line.put("tags", Arrays.asList(r.getTags()));
            line.put("metadata", mapper.readValue(r.getMetadata().data(), JsonNode.class));
            line.put("importance", r.getImportance());
            line.put("session_id", r.getSessionId());
            line.put("layer", r.getLayer());
            line.put("memory_type", r.getMemoryType());
            line.put("pinned", r.getPinned());
            line.put("source", r.getSource());
            line.put("status", r.getStatus());
            line.put("version", r.getVersion());
            line.put("merged_into", r.getMergedInto());
            line.put("superseded_by", r.getSupersededBy());
            line.put("forgotten_at", r.getForgottenAt() == null ? null : r.getForgottenAt().toString());
            line.put("created_at", r.getCreatedAt().toString());
            line.put("updated_at", r.getUpdatedAt().toString());
            line.put("history", history.getOrDefault(r.getId(), List.of()));
            line.put("annotations", notes.getOrDefault(r.getId(), List.of()));
            out.write(mapper.writeValueAsBytes(line));
            out.write('\n');
        }
    }
}
