package com.memorylayer.query.recall;

import com.knuddels.jtokkit.api.EncodingType;
import com.memorylayer.query.consistency.ConsistencyWaits;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.filter.MemorySelectionParser;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The recall variants' internal routes; the gateway forwards {@code POST /recall/{variant}} here. */
@RestController
class RecallVariantsController {

    static final int DEFAULT_MAX_TOKENS = 1_000;
    static final int MAX_MAX_TOKENS = 32_000;

    private final RecallVariants variants;
    private final ExistingWorkspaces catalog;
    private final MemorySelectionParser filters;
    private final RecallRequestParser recallRequests;
    private final Recaller recaller;
    private final ConsistencyWaits consistency;
    private final ContextBlock contextBlock;

    RecallVariantsController(RecallVariants variants, ExistingWorkspaces catalog, MemorySelectionParser filters,
            RecallRequestParser recallRequests, Recaller recaller,
            ConsistencyWaits consistency, ContextBlock contextBlock) {
        this.recallRequests = recallRequests;
        this.recaller = recaller;
        this.consistency = consistency;
        this.contextBlock = contextBlock;
        this.variants = variants;
        this.catalog = catalog;
        this.filters = filters;
    }

    /**
     * A recall's best memories as one prompt-ready block within {@code max_tokens} (default 1,000), counted with
     * {@code encoding} ({@code o200k_base} by default, or {@code cl100k_base}). Takes every recall field.
     */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/context")
    CompletableFuture<Map<String, Object>> context(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        requireWorkspace(workspaceId);
        ObjectNode recall = recallRequests.object(body, false);
        JsonNode budget = recall.remove("max_tokens");
        JsonNode encodingName = recall.remove("encoding");
        int maxTokens = DEFAULT_MAX_TOKENS;
        if (budget != null && !budget.isNull()) {
            if (!budget.isIntegralNumber() || budget.asLong() < 1 || budget.asLong() > MAX_MAX_TOKENS) {
                throw ApiException.invalidField("max_tokens", "'max_tokens' must be an integer from 1 to " + MAX_MAX_TOKENS);
            }
            maxTokens = budget.asInt();
        }
        String encodingWire = encodingName == null || encodingName.isNull() ? ContextBlock.DEFAULT_ENCODING
                : encodingName.isString() ? encodingName.asString() : "";
        EncodingType encoding = ContextBlock.encoding(encodingWire).orElseThrow(() ->
                ApiException.invalidField("encoding", "'encoding' must be o200k_base or cl100k_base"));
        RecallRequest request = recallRequests.parse(recall);
        int budgetTokens = maxTokens;
        java.util.function.Supplier<Map<String, Object>> build = () -> {
            long started = System.nanoTime();
            RecallResponse found = recaller.recall(workspaceId, request);
            ContextBlock.Built built = contextBlock.build(found.results(), budgetTokens, encoding);
            return ContextBlock.answer(built, budgetTokens, (System.nanoTime() - started) / 1_000_000);
        };
        if (request.consistencyToken() == null) {
            return CompletableFuture.completedFuture(build.get());
        }
        return consistency.afterApplied(workspaceId, request.consistencyToken(), build);
    }

    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/recent")
    RecallResponse recent(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("limit", "filters"));
        return variants.recent(workspaceId, selection(tree), recallRequests.limit(tree));
    }

    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/timeline")
    RecallResponse timeline(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("from", "to", "limit", "filters"));
        Instant from = time(tree, "from");
        Instant to = time(tree, "to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiException.invalidField("to", "'to' must be after 'from'");
        }
        return variants.timeline(workspaceId, selection(tree), from, to, recallRequests.limit(tree));
    }

    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/similar")
    RecallResponse similar(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("memory_id", "limit", "filters"));
        JsonNode id = tree.get("memory_id");
        if (id == null || !id.isString()) {
            throw ApiException.invalidField("memory_id", "'memory_id' is required");
        }
        UUID memoryId;
        try {
            memoryId = UUID.fromString(id.asString());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("memory_id", "'memory_id' must be a UUID");
        }
        return variants.similar(workspaceId, memoryId, selection(tree), recallRequests.limit(tree));
    }

    private JsonNode body(UUID workspaceId, byte[] body, Set<String> fields) {
        requireWorkspace(workspaceId);
        JsonNode tree = recallRequests.object(body, true);
        RecallRequestParser.onlyFields(tree, fields);
        return tree;
    }

    private void requireWorkspace(UUID workspaceId) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace");
        }
    }

    private MemorySelection selection(JsonNode tree) {
        return filters.parse(tree.get("filters")).withDefaultStatus(MemoryStatus.RECALLED_BY_DEFAULT);
    }

    private static Instant time(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return com.memorylayer.web.time.StorableTime.check(Instant.parse(node.asString()), field);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "'" + field + "' must be an ISO-8601 instant, e.g. 2024-05-01T00:00:00Z");
        }
    }
}
