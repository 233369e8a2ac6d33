package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.reads.ErasedIds;
import com.memorylayer.schemas.reads.ErasureReceipt;
import com.memorylayer.schemas.reads.MemoryCount;
import com.memorylayer.schemas.reads.MemoryCountRequest;
import com.memorylayer.schemas.reads.MemoryHistoryPage;
import com.memorylayer.schemas.reads.MemoryPage;
import com.memorylayer.schemas.reads.MemoryPageRequest;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.schemas.reads.WriteFate;
import com.memorylayer.web.error.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A workspace's memories as the query service reads them (it owns every workspace table): one memory, a page, a
 * count of a selection, a history, an erasure's receipt, which ids were erased. For the gateway's callers that need
 * the answer as a record: MCP tools, and the checks a write makes before its command goes to the log. The public
 * read routes pass the query service's answers through ({@link MemoryReadController}).
 */
@Component
public class MemoryReads {

    private final QueryReads query;
    private final ObjectMapper mapper;

    MemoryReads(QueryReads query, ObjectMapper mapper) {
        this.query = query;
        this.mapper = mapper;
    }

    /** The memory as it stands (no notes, no history), for checks before a write. */
    public Optional<MemoryView> row(Workspace workspace, UUID id) {
        return unless(ErrorCode.MEMORY_NOT_FOUND, () -> query.get(workspace.id(), "/memories/" + id + "/state", MemoryView.class));
    }

    /**
     * The memory with its notes and recent history ({@link MemoryView}); or, for the id of a write that never became
     * a memory of its own (a duplicate merged into another, a rejected one), what it came to ({@link WriteFate}).
     */
    public Optional<Record> memory(Workspace workspace, UUID id) {
        return unless(ErrorCode.MEMORY_NOT_FOUND, () -> {
            JsonNode answer = query.get(workspace.id(), "/memories/" + id, JsonNode.class);
            return answer.has("content") ? mapper.treeToValue(answer, MemoryView.class) : mapper.treeToValue(answer, WriteFate.class);
        });
    }

    /** How many memories a selection names now. */
    public long count(Workspace workspace, MemorySelection selection) {
        return query.post(workspace.id(), "/memories/count", new MemoryCountRequest(selection, false), MemoryCount.class).count();
    }

    /** How many a bulk forget of this selection would forget now: never pinned ones, nor forgotten ones again. */
    public long countForgettable(Workspace workspace, MemorySelection selection) {
        return query.post(workspace.id(), "/memories/count", new MemoryCountRequest(selection, true), MemoryCount.class).count();
    }

    /** A page of memories, newest first, after {@code cursor} (a page's {@code next_cursor}; null: the first page). */
    public MemoryPage list(Workspace workspace, MemorySelection selection, int limit, String cursor) {
        return query.post(workspace.id(), "/memories/page",
                new MemoryPageRequest(selection, limit, cursor, MemoryPageRequest.Order.NEWEST), MemoryPage.class);
    }

    /** The most important memories of a selection, most important first (the engine's recall_by_type and recall_layer). */
    public List<MemoryView> mostImportant(Workspace workspace, MemorySelection selection, int limit) {
        return query.post(workspace.id(), "/memories/page",
                new MemoryPageRequest(selection, limit, null, MemoryPageRequest.Order.IMPORTANT), MemoryPage.class).memories();
    }

    /** The newest {@code limit} entries of a memory's history. */
    public MemoryHistoryPage history(Workspace workspace, UUID id, int limit) {
        return query.get(workspace.id(), "/memories/" + id + "/history?limit=" + limit, MemoryHistoryPage.class);
    }

    /** An erasure's receipt. */
    public Optional<ErasureReceipt> erasure(Workspace workspace, UUID id) {
        return unless(ErrorCode.ERASURE_NOT_FOUND, () -> query.get(workspace.id(), "/erasures/" + id, ErasureReceipt.class));
    }

    /** Which of these ids were erased: the first ones the query service names (at most 20). */
    public List<UUID> erasedAmong(Workspace workspace, Collection<UUID> ids) {
        return query.post(workspace.id(), "/erasures/among", new ErasedIds(List.copyOf(ids)), ErasedIds.class).ids();
    }

    private static <T> Optional<T> unless(ErrorCode absent, Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ApiException e) {
            if (e.code() == absent) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
