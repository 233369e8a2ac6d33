package com.memorylayer.gateway.curation;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.memory.CommandWrites;
import com.memorylayer.gateway.memory.MemoryFields;
import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.events.AnnotateMemory;
import com.memorylayer.schemas.events.BatchChange;
import com.memorylayer.schemas.events.ChangeStatus;
import com.memorylayer.schemas.events.ConsolidateMemories;
import com.memorylayer.schemas.events.DedupeMemories;
import com.memorylayer.schemas.events.EditMemory;
import com.memorylayer.schemas.events.EraseMemory;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.filter.MemorySelectionParser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Curating memories: edit, annotate, change status, forget, restore, erase, and the many-memory commands (bulk
 * forget, batch, dedupe, consolidate). Each travels the road a remember does: checked here, put into the command
 * log, applied by the ingest worker in the order accepted. Every answer carries a consistency token; with
 * {@code ?wait=true} it comes once the change applied and says what it came to. Dry runs always wait: they are
 * answers, not changes. The many-memory commands run on the worker's maintenance consumer, in bounded passes, after
 * the workspace's earlier writes; one that takes longer than the wait answers 202 with a {@code progress_url}.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}/memories")
class CurationController {

    private static final Set<String> EDIT = Set.of("content", "tags", "tags_add", "tags_remove", "kind", "metadata",
            "importance", "layer", "memory_type", "pinned", "session_id", "if_version");
    private static final Set<String> STATUS = Set.of("status", "reason", "merged_into", "superseded_by");
    private static final Set<String> FORGET = Set.of("filters", "older_than", "dry_run", "reason");
    private static final Set<String> BATCH = Set.of("ids", "filters", "tags_add", "tags_remove", "layer", "pinned", "status",
            "reason");
    private static final Set<String> DEDUPE = Set.of("threshold", "max_merges", "dry_run");
    private static final int MAX_REASON = 500;
    private static final int MAX_NOTE = 2000;
    private static final int MAX_BATCH_IDS = 1000;

    private final CommandWrites writes;
    private final CurationChecks checks;
    private final MemoryFields fields;
    private final MemorySelectionParser selections;
    private final MemoryReads reads;
    private final CurationSettings settings;

    CurationController(CommandWrites writes, CurationChecks checks, MemoryFields fields, MemorySelectionParser selections,
            MemoryReads reads, CurationSettings settings) {
        this.writes = writes;
        this.checks = checks;
        this.fields = fields;
        this.selections = selections;
        this.reads = reads;
        this.settings = settings;
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> edit(@PathVariable UUID id, @RequestBody JsonNode body,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller, HttpServletRequest request) {
        fields.object(body, EDIT);
        Integer ifVersion = fields.integer(body.get("if_version"), "if_version", 1, Integer.MAX_VALUE);
        EditMemory edit = new EditMemory(id, fields.content(body.get("content"), false), fields.tags(body.get("tags"), "tags"),
                orEmpty(fields.tags(body.get("tags_add"), "tags_add")), orEmpty(fields.tags(body.get("tags_remove"), "tags_remove")),
                fields.kind(body.get("kind")), fields.metadata(body.get("metadata")), fields.importance(body.get("importance")),
                fields.layer(body.get("layer")), fields.memoryType(body.get("memory_type")), fields.bool(body.get("pinned"), "pinned"),
                fields.sessionId(body.get("session_id")), ifVersion, caller.userId());
        if (body.size() == (body.has("if_version") ? 1 : 0)) {
            throw ApiException.invalidField("content", "name at least one field to change; known fields are " + EDIT.stream().sorted().toList());
        }
        checks.editable(caller.workspace(), id, ifVersion);
        MeteredUnits.of(request).memoriesEdited(1);
        return writes.submit(caller, UUID.randomUUID(), id, edit, wait);
    }

    @PostMapping(path = "/{id}/annotations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> annotate(@PathVariable UUID id, @RequestBody JsonNode body,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller, HttpServletRequest request) {
        fields.object(body, Set.of("note"));
        String note = fields.text(body.get("note"), "note", MAX_NOTE, true);
        checks.existing(caller.workspace(), id);
        MeteredUnits.of(request).memoriesEdited(1);
        return writes.submit(caller, UUID.randomUUID(), id, new AnnotateMemory(id, UUID.randomUUID(), note, caller.userId()), wait);
    }

    @PostMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> status(@PathVariable UUID id, @RequestBody JsonNode body,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller, HttpServletRequest request) {
        fields.object(body, STATUS);
        MemoryStatus status = fields.status(body.get("status"), "status");
        if (status == null) {
            throw ApiException.invalidField("status", "'status' is required");
        }
        String reason = fields.text(body.get("reason"), "reason", MAX_REASON, false);
        UUID mergedInto = fields.uuid(body.get("merged_into"), "merged_into");
        UUID supersededBy = fields.uuid(body.get("superseded_by"), "superseded_by");
        var row = checks.existing(caller.workspace(), id);
        checks.transition(row, status);
        if (status == MemoryStatus.MERGED) {
            checks.target(caller.workspace(), id, mergedInto, "merged_into");
        }
        if (status == MemoryStatus.SUPERSEDED) {
            checks.target(caller.workspace(), id, supersededBy, "superseded_by");
        }
        meter(request, status);
        return writes.submit(caller, UUID.randomUUID(), id,
                new ChangeStatus(id, status, reason, mergedInto, supersededBy, false, caller.userId()), wait);
    }

    /** Forgets the memory (restorable within the window), or with {@code erase=true} erases it now. */
    @DeleteMapping("/{id}")
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> forget(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean erase,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller, HttpServletRequest request) {
        if (erase) {
            // A duplicate absorbed on write has no row, but its text is in the kept memory's history: it may be erased.
            if (reads.memory(caller.workspace(), id).isEmpty() || reads.erasure(caller.workspace(), id).isPresent()) {
                throw new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace");
            }
            MeteredUnits.of(request).memoriesErased(1);
            return writes.submit(caller, UUID.randomUUID(), id, new EraseMemory(id, "requested", caller.userId()), wait);
        }
        checks.transition(checks.existing(caller.workspace(), id), MemoryStatus.FORGOTTEN);
        MeteredUnits.of(request).memoriesForgotten(1);
        return writes.submit(caller, UUID.randomUUID(), id,
                new ChangeStatus(id, MemoryStatus.FORGOTTEN, "forgotten", null, null, false, caller.userId()), wait);
    }

    @PostMapping("/{id}/restore")
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> restore(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean wait,
            WorkspaceCaller caller, HttpServletRequest request) {
        checks.restorable(checks.existing(caller.workspace(), id));
        MeteredUnits.of(request).memoriesEdited(1);
        return writes.submit(caller, UUID.randomUUID(), id, new ChangeStatus(id, null, "restored", null, null, true,
                caller.userId()), wait);
    }

    /** Bulk forget by the recall filter language; a dry run (the default) answers the count and a sample. */
    @PostMapping(path = "/forget", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> forgetMany(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean wait,
            WorkspaceCaller caller, HttpServletRequest request) {
        fields.object(body, FORGET);
        MemorySelection selection = MemoryFields.absent(body.get("filters")) ? MemorySelection.ALL
                : selections.parse(body.get("filters"));
        Instant olderThan = fields.time(body.get("older_than"), "older_than");
        if (selection.isEmpty() && olderThan == null) {
            throw ApiException.invalidField("filters", "name what to forget: 'filters' with at least one condition, or 'older_than'");
        }
        if (olderThan != null) {
            selection = selection.withCreatedBefore(olderThan);
        }
        Boolean dryRun = fields.bool(body.get("dry_run"), "dry_run");
        boolean preview = dryRun == null || dryRun;
        BatchChange forget = new BatchChange(List.of(), selection, true, List.of(), List.of(), null, null, null,
                fields.text(body.get("reason"), "reason", MAX_REASON, false), preview, caller.userId());
        if (!preview) {
            MeteredUnits.of(request).memoriesForgotten(reads.countForgettable(caller.workspace(), selection));
        }
        return followable(writes.submit(caller, UUID.randomUUID(), null, forget, preview || wait), caller);
    }

    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> batch(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean wait,
            WorkspaceCaller caller, HttpServletRequest request) {
        fields.object(body, BATCH);
        List<UUID> ids = ids(body.get("ids"));
        boolean byFilters = !MemoryFields.absent(body.get("filters"));
        if (ids.isEmpty() == !byFilters) {
            throw ApiException.invalidField("ids", "name the memories either by 'ids' or by 'filters', not both and not neither");
        }
        MemorySelection selection = byFilters ? selections.parse(body.get("filters")) : null;
        MemoryStatus status = fields.status(body.get("status"), "status");
        if (status == MemoryStatus.MERGED || status == MemoryStatus.SUPERSEDED) {
            throw ApiException.invalidField("status", "a batch cannot merge or supersede: each needs a memory of its own to point to");
        }
        BatchChange batch = new BatchChange(ids, selection, false, orEmpty(fields.tags(body.get("tags_add"), "tags_add")),
                orEmpty(fields.tags(body.get("tags_remove"), "tags_remove")), fields.layer(body.get("layer")),
                fields.bool(body.get("pinned"), "pinned"), status, fields.text(body.get("reason"), "reason", MAX_REASON, false),
                false, caller.userId());
        if (batch.tagsAdd().isEmpty() && batch.tagsRemove().isEmpty() && batch.layer() == null && batch.pinned() == null
                && batch.status() == null) {
            throw ApiException.invalidField("tags_add", "name a change: tags_add, tags_remove, layer, pinned or status");
        }
        long count = byFilters ? reads.count(caller.workspace(), selection) : ids.size();
        if (status == MemoryStatus.FORGOTTEN) {
            MeteredUnits.of(request).memoriesForgotten(count);
        } else {
            MeteredUnits.of(request).memoriesEdited(count);
        }
        return followable(writes.submit(caller, UUID.randomUUID(), null, batch, wait), caller);
    }

    @PostMapping(path = "/dedupe", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> dedupe(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean wait,
            WorkspaceCaller caller) {
        fields.object(body, DEDUPE);
        Double threshold = fields.number(body.get("threshold"), "threshold", 0, 1);
        Integer maxMerges = fields.integer(body.get("max_merges"), "max_merges", 0, 10_000);
        Boolean dryRun = fields.bool(body.get("dry_run"), "dry_run");
        boolean preview = dryRun == null || dryRun;
        DedupeMemories dedupe = new DedupeMemories(threshold == null ? settings.dedupeThreshold() : threshold,
                maxMerges == null ? settings.maxMerges() : maxMerges, preview, caller.userId());
        return followable(writes.submit(caller, UUID.randomUUID(), null, dedupe, preview || wait), caller);
    }

    @PostMapping(path = "/consolidate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> consolidate(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean wait,
            WorkspaceCaller caller) {
        fields.object(body, Set.of("dry_run"));
        Boolean dryRun = fields.bool(body.get("dry_run"), "dry_run");
        boolean preview = dryRun == null || dryRun;
        return followable(writes.submit(caller, UUID.randomUUID(), null, new ConsolidateMemories(preview, caller.userId()),
                preview || wait), caller);
    }

    /**
     * A many-memory command runs on the worker's maintenance consumer and may take longer than a write waits: a 202
     * names where to follow it ({@code GET /commands/{id}}, whose {@code progress} says how far it got until its
     * {@code result} is there).
     */
    private static ResponseEntity<Map<String, Object>> followable(ResponseEntity<Map<String, Object>> answer,
            WorkspaceCaller caller) {
        if (answer.getStatusCode().value() == 202 && answer.getBody() != null) {
            answer.getBody().put("progress_url", "/v1/workspaces/" + caller.workspace().slug() + "/commands/"
                    + answer.getBody().get("command_id"));
        }
        return answer;
    }

    private List<UUID> ids(JsonNode node) {
        if (MemoryFields.absent(node)) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_BATCH_IDS) {
            throw ApiException.invalidField("ids", "'ids' must be an array of at most " + MAX_BATCH_IDS + " memory ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode id : node) {
            ids.add(fields.uuid(id, "ids"));
        }
        return ids;
    }

    private static void meter(HttpServletRequest request, MemoryStatus status) {
        if (status == MemoryStatus.FORGOTTEN) {
            MeteredUnits.of(request).memoriesForgotten(1);
        } else {
            MeteredUnits.of(request).memoriesEdited(1);
        }
    }

    private static List<String> orEmpty(List<String> tags) {
        return tags == null ? List.of() : tags;
    }
}
