package com.memorylayer.query.memory;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;

import com.memorylayer.query.reads.WorkspaceReadPool;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.AnnotationsRecord;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoryHistoryRecord;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import com.memorylayer.schemas.reads.ErasureReceipt;
import com.memorylayer.schemas.reads.MemoryChange;
import com.memorylayer.schemas.reads.MemoryCursor;
import com.memorylayer.schemas.reads.MemoryHistoryPage;
import com.memorylayer.schemas.reads.MemoryNote;
import com.memorylayer.schemas.reads.MemoryPage;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.schemas.reads.WriteFate;
import com.memorylayer.schemas.topics.Topic;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a workspace's memories from its schema, the system of record: one memory with its notes and recent
 * history, a page of memories, a memory's history, counts of a selection, erasures. Only this workspace's schema is
 * read, so an id of another workspace is as unknown as an id that never was. On the workspace-read pool.
 */
@Component
public class MemoryRows {

    /** How many history entries a memory's read shows; the history route pages through all of them. */
    static final int RECENT_HISTORY = 20;

    private final WorkspaceReadPool workspaces;
    private final CurationSettings curation;
    private final ObjectMapper mapper;

    MemoryRows(WorkspaceReadPool workspaces, CurationSettings curation, ObjectMapper mapper) {
        this.workspaces = workspaces;
        this.curation = curation;
        this.mapper = mapper;
    }

    private DSLContext in(UUID workspaceId) {
        return workspaces.in(workspaceId);
    }

    /** The memory as it stands, without notes and history: what checks before a write look at. */
    public Optional<MemoryView> view(UUID workspaceId, UUID id) {
        return in(workspaceId).selectFrom(MEMORIES).where(MEMORIES.ID.eq(id)).fetchOptional(this::view);
    }

    /** The memory with its notes and recent history. */
    public Optional<MemoryView> detail(UUID workspaceId, UUID id) {
        return view(workspaceId, id).map(memory -> memory.withDetail(
                in(workspaceId).selectFrom(ANNOTATIONS).where(ANNOTATIONS.MEMORY_ID.eq(id))
                        .orderBy(ANNOTATIONS.CREATED_AT, ANNOTATIONS.ID).fetch(MemoryRows::note),
                history(workspaceId, id, RECENT_HISTORY, null).history()));
    }

    /** For the id of a write that never became a memory of its own (merged into another, rejected), what it came to. */
    public Optional<WriteFate> fate(UUID workspaceId, UUID id) {
        return in(workspaceId).select(APPLIED_EVENTS.OUTCOME).from(APPLIED_EVENTS)
                .where(APPLIED_EVENTS.MEMORY_ID.eq(id)).and(APPLIED_EVENTS.EVENT_TYPE.eq(RememberMemory.TYPE))
                .orderBy(APPLIED_EVENTS.APPLIED_AT.desc()).limit(1).fetchOptional(APPLIED_EVENTS.OUTCOME)
                .filter(outcome -> outcome != null && !outcome.equals(WriteOutcome.STORED.wire()))
                .map(outcome -> {
                    WriteOutcome written = new WriteOutcome(outcome);
                    return new WriteFate(id, written.mergedInto() != null ? MemoryStatus.MERGED.wire() : "rejected",
                            written.mergedInto(), outcome);
                });
    }

    /** How many memories a selection names now. */
    public long count(UUID workspaceId, MemorySelection selection) {
        return in(workspaceId).fetchCount(MEMORIES, selection.condition());
    }

    /** How many a bulk forget of this selection would forget now: never pinned ones, nor forgotten ones again. */
    public long countForgettable(UUID workspaceId, MemorySelection selection) {
        return in(workspaceId).fetchCount(MEMORIES, selection.condition().and(MEMORIES.PINNED.isFalse())
                .and(MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire())));
    }

    /** A page of memories, newest first, after the cursor's. */
    public MemoryPage newest(UUID workspaceId, MemorySelection selection, int limit, MemoryCursor cursor) {
        Condition where = selection.condition();
        if (cursor != null) {
            where = where.and(DSL.row(MEMORIES.CREATED_AT, MEMORIES.ID).lt(cursor.createdAt(), cursor.id()));
        }
        List<MemoriesRecord> rows = in(workspaceId).selectFrom(MEMORIES).where(where)
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(limit + 1).fetch();
        List<MemoryView> memories = rows.stream().limit(limit).map(this::view).toList();
        String next = null;
        if (rows.size() > limit) {
            MemoriesRecord last = rows.get(limit - 1);
            next = new MemoryCursor(last.getCreatedAt(), last.getId()).encode();
        }
        return new MemoryPage(memories, next);
    }

    /** The most important memories of a selection, most important first (the engine's recall_by_type and recall_layer). */
    public MemoryPage mostImportant(UUID workspaceId, MemorySelection selection, int limit) {
        return new MemoryPage(in(workspaceId).selectFrom(MEMORIES).where(selection.condition())
                .orderBy(MEMORIES.IMPORTANCE.desc(), MEMORIES.CREATED_AT.desc(), MEMORIES.ID).limit(limit).fetch(this::view), null);
    }

    /** A page of a memory's history, newest first, before the entry {@code before} (null: from the newest). */
    public MemoryHistoryPage history(UUID workspaceId, UUID id, int limit, Long before) {
        Condition where = MEMORY_HISTORY.MEMORY_ID.eq(id);
        if (before != null) {
            where = where.and(MEMORY_HISTORY.ID.lt(before));
        }
        List<MemoryHistoryRecord> rows = in(workspaceId).selectFrom(MEMORY_HISTORY).where(where)
                .orderBy(MEMORY_HISTORY.ID.desc()).limit(limit + 1).fetch();
        List<MemoryChange> entries = rows.stream().limit(limit).map(this::change).toList();
        String next = rows.size() > limit ? Long.toString(rows.get(limit - 1).getId()) : null;
        return new MemoryHistoryPage(entries, next);
    }

    /** An erasure's receipt. */
    public Optional<ErasureReceipt> erasure(UUID workspaceId, UUID id) {
        List<String> carried = Arrays.stream(Topic.values()).filter(Topic::holdsContent).map(Topic::topicName).toList();
        // Every topic that carried the content (a remember or edit, an ingest or import request), until one time:
        // they share the command log's retention and segment age.
        String commandLog = "the commands and ingest or import requests that carried this memory's content stay in "
                + String.join(" and ", carried) + " until their retention ends, at the latest at command_log_until";
        return in(workspaceId).selectFrom(ERASURES).where(ERASURES.MEMORY_ID.eq(id)).fetchOptional(e -> new ErasureReceipt(
                e.getMemoryId(), e.getErasedAt(), e.getReason(), e.getEventId(), Arrays.asList(e.getStores()),
                e.getCommandLogUntil(), carried, commandLog));
    }

    /** Which of these ids were erased, at most {@code limit} of them. */
    public List<UUID> erasedAmong(UUID workspaceId, Collection<UUID> ids, int limit) {
        return in(workspaceId).select(ERASURES.MEMORY_ID).from(ERASURES).where(ERASURES.MEMORY_ID.in(ids)).limit(limit)
                .fetch(ERASURES.MEMORY_ID);
    }

    private MemoryView view(MemoriesRecord r) {
        return new MemoryView(r.getId(), r.getContent(), r.getKind(), Arrays.asList(r.getTags()),
                mapper.readTree(r.getMetadata().data()), r.getImportance(), r.getSessionId(), r.getSource(), r.getLayer(),
                r.getMemoryType(), r.getStatus(), r.getPinned(), r.getVersion(), r.getAccessCount(), r.getLastAccessedAt(),
                r.getMergedInto(), r.getSupersededBy(), r.getForgottenAt(),
                r.getForgottenAt() == null ? null : r.getForgottenAt().plus(curation.restoreWindow()),
                r.getCreatedAt(), r.getUpdatedAt(), null, null);
    }

    private static MemoryNote note(AnnotationsRecord a) {
        return new MemoryNote(a.getId(), a.getNote(), a.getActorKeyId(), a.getActorUserId(), a.getCreatedAt());
    }

    private MemoryChange change(MemoryHistoryRecord h) {
        return new MemoryChange(h.getChange(), h.getOldStatus(), h.getNewStatus(), h.getReason(), h.getOldContent(),
                mapper.readTree(h.getDetails().data()), h.getActorKeyId(), h.getActorUserId(), h.getEventId(), h.getChangedAt());
    }
}
