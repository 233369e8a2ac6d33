package com.memorylayer.query.memory;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.reads.ErasedIds;
import com.memorylayer.schemas.reads.ErasureReceipt;
import com.memorylayer.schemas.reads.MemoryCount;
import com.memorylayer.schemas.reads.MemoryCountRequest;
import com.memorylayer.schemas.reads.MemoryCursor;
import com.memorylayer.schemas.reads.MemoryHistoryPage;
import com.memorylayer.schemas.reads.MemoryPage;
import com.memorylayer.schemas.reads.MemoryPageRequest;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal routes of a workspace's memories: one with its notes and history (or what its write came to), one
 * as it stands (for the gateway's checks before a write), a page, a count, a history, an erasure's receipt, which
 * ids were erased. Only the gateway calls them, after authenticating the caller and checking its parameters; the
 * selection of a page or count arrives as the typed {@link MemorySelection} the gateway parsed.
 */
@RestController
@RequestMapping("/internal/v1/workspaces/{workspaceId}")
class MemoryReadController {

    /** The largest page a caller may ask for (the public route allows 500; MCP tools their own bounds, within this). */
    static final int MAX_PAGE = 1_000;
    /** How many of the erased ids an answer names: enough for a client to see which lines to drop. */
    static final int ERASED_NAMED = 20;

    private final MemoryRows rows;
    private final ExistingWorkspaces catalog;

    MemoryReadController(MemoryRows rows, ExistingWorkspaces catalog) {
        this.rows = rows;
        this.catalog = catalog;
    }

    /** A {@link MemoryView} with notes and history, or a {@link com.memorylayer.schemas.reads.WriteFate}. */
    @GetMapping("/memories/{id}")
    Object memory(@PathVariable UUID workspaceId, @PathVariable UUID id) {
        requireWorkspace(workspaceId);
        return rows.detail(workspaceId, id).<Object>map(m -> m)
                .or(() -> rows.fate(workspaceId, id))
                .orElseThrow(() -> notFound(id));
    }

    @GetMapping("/memories/{id}/state")
    MemoryView state(@PathVariable UUID workspaceId, @PathVariable UUID id) {
        requireWorkspace(workspaceId);
        return rows.view(workspaceId, id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/memories/page")
    MemoryPage page(@PathVariable UUID workspaceId, @RequestBody MemoryPageRequest request) {
        requireWorkspace(workspaceId);
        MemorySelection selection = request.selection() == null ? MemorySelection.ALL : request.selection();
        if (request.limit() < 1 || request.limit() > MAX_PAGE) {
            throw ApiException.invalidField("limit", "limit must be from 1 to " + MAX_PAGE);
        }
        if (request.order() == MemoryPageRequest.Order.IMPORTANT) {
            if (request.cursor() != null) {
                throw ApiException.invalidField("cursor", "the most important memories are one page; no cursor pages them");
            }
            return rows.mostImportant(workspaceId, selection, request.limit());
        }
        MemoryCursor cursor = null;
        if (request.cursor() != null) {
            try {
                cursor = MemoryCursor.decode(request.cursor());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("cursor", "cursor is not one this service issued");
            }
        }
        return rows.newest(workspaceId, selection, request.limit(), cursor);
    }

    @PostMapping("/memories/count")
    MemoryCount count(@PathVariable UUID workspaceId, @RequestBody MemoryCountRequest request) {
        requireWorkspace(workspaceId);
        MemorySelection selection = request.selection() == null ? MemorySelection.ALL : request.selection();
        return new MemoryCount(request.forgettable() ? rows.countForgettable(workspaceId, selection) : rows.count(workspaceId, selection));
    }

    @GetMapping("/memories/{id}/history")
    MemoryHistoryPage history(@PathVariable UUID workspaceId, @PathVariable UUID id,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        requireWorkspace(workspaceId);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalidField("limit", "limit must be from 1 to " + MAX_PAGE);
        }
        if (rows.view(workspaceId, id).isEmpty()) {
            throw notFound(id);
        }
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("cursor", "cursor is not one this service issued");
            }
        }
        return rows.history(workspaceId, id, limit, before);
    }

    @GetMapping("/erasures/{id}")
    ErasureReceipt erasure(@PathVariable UUID workspaceId, @PathVariable UUID id) {
        requireWorkspace(workspaceId);
        return rows.erasure(workspaceId, id).orElseThrow(() ->
                new ApiException(ErrorCode.ERASURE_NOT_FOUND, "no erasure of memory " + id + " in this workspace"));
    }

    /** Which of the ids asked about were erased, at most {@value #ERASED_NAMED} of them. */
    @PostMapping("/erasures/among")
    ErasedIds erasedAmong(@PathVariable UUID workspaceId, @RequestBody ErasedIds asked) {
        requireWorkspace(workspaceId);
        if (asked.ids() == null || asked.ids().isEmpty()) {
            return new ErasedIds(java.util.List.of());
        }
        return new ErasedIds(rows.erasedAmong(workspaceId, asked.ids(), ERASED_NAMED));
    }

    private void requireWorkspace(UUID workspaceId) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace");
        }
    }

    static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace");
    }
}
