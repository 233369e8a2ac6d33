package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.query.filter.MemoryFacts;
import com.memorylayer.query.filter.SelectionMatcher;
import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.web.error.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;

/**
 * Recall by something other than a query: the latest memories, the memories of a time window, the memories most
 * like a given one. Each takes the usual filters (active and challenged memories unless they name statuses) and
 * answers in recall's shape, without an explanation.
 */
@Service
class RecallVariants {

    private final WorkspaceDsl workspaces;
    private final WorkspaceRuntimeCache runtimes;

    RecallVariants(WorkspaceDsl workspaces, WorkspaceRuntimeCache runtimes) {
        this.workspaces = workspaces;
        this.runtimes = runtimes;
    }

    /** Newest first; the score falls from 1 with rank. */
    RecallResponse recent(UUID workspaceId, MemorySelection filters, int limit) {
        long started = System.nanoTime();
        List<Record> rows = in(workspaceId).select(Recaller.RESULT_FIELDS).from(MEMORIES).where(filters.condition())
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(limit).fetch();
        return ranked(rows, started);
    }

    /** Oldest first within [from, to). */
    RecallResponse timeline(UUID workspaceId, MemorySelection filters, Instant from, Instant to, int limit) {
        long started = System.nanoTime();
        Condition window = filters.condition();
        if (from != null) {
            window = window.and(MEMORIES.CREATED_AT.ge(from.atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            window = window.and(MEMORIES.CREATED_AT.lt(to.atOffset(ZoneOffset.UTC)));
        }
        List<Record> rows = in(workspaceId).select(Recaller.RESULT_FIELDS).from(MEMORIES).where(window)
                .orderBy(MEMORIES.CREATED_AT, MEMORIES.ID).limit(limit).fetch();
        return ranked(rows, started);
    }

    /** The memories whose vectors are nearest the given memory's, best first, the memory itself left out. */
    RecallResponse similar(UUID workspaceId, UUID memoryId, MemorySelection filters, int limit) {
        long started = System.nanoTime();
        byte[] embedding = in(workspaceId).select(MEMORIES.EMBEDDING).from(MEMORIES).where(MEMORIES.ID.eq(memoryId))
                .fetchOne(MEMORIES.EMBEDDING);
        if (embedding == null) {
            throw new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + memoryId + " in this workspace");
        }
        List<ScoredId> hits;
        try (WorkspaceRuntimeCache.Lease lease = runtimes.lease(workspaceId)) {
            lease.refresh();
            hits = lease.runtime().searchDense(VectorCodec.decode(embedding), limit, id -> {
                MemoryFacts facts = lease.runtime().facts(id);
                return !id.equals(memoryId) && facts != null && SelectionMatcher.matches(filters, facts);
            });
        }
        if (hits.isEmpty()) {
            return new RecallResponse(List.of(), RerankStage.NONE, elapsed(started), null);
        }
        // Rows are read again with the filters, as recall does: Postgres has the last word on what still matches.
        Map<UUID, Record> rows = in(workspaceId).select(Recaller.RESULT_FIELDS).from(MEMORIES)
                .where(MEMORIES.ID.in(hits.stream().map(ScoredId::id).toList())).and(filters.condition())
                .fetch().stream().collect(Collectors.toMap(r -> r.get(MEMORIES.ID), Function.identity()));
        List<RecallResult> results = new ArrayList<>();
        for (ScoredId hit : hits) {
            Record row = rows.get(hit.id());
            if (row != null) {
                results.add(Recaller.result(row, hit.score(), null));
            }
        }
        return new RecallResponse(results, RerankStage.NONE, elapsed(started), null);
    }

    private static RecallResponse ranked(List<Record> rows, long started) {
        List<RecallResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            results.add(Recaller.result(rows.get(i), 1.0 / (1 + i), null));
        }
        return new RecallResponse(results, RerankStage.NONE, elapsed(started), null);
    }

    private DSLContext in(UUID workspaceId) {
        return workspaces.in(WorkspaceSchemaName.of(workspaceId));
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
