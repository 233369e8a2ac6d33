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
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The recall variants' internal routes; the gateway forwards {@code POST /recall/{variant}} here. Each checks its
 * body (an unknown field is a 400 naming it) and hands the work to the class that does it.
 */
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
    private final RecallHints hints;
    private final RecallComparison comparison;
    private final FocusBrief focusBrief;
    private final LayeredContext layeredContext;
    private final SkillSelection skills;
    private final RecallExplainer explainer;

    RecallVariantsController(RecallVariants variants, ExistingWorkspaces catalog, MemorySelectionParser filters,
            RecallRequestParser recallRequests, Recaller recaller, ConsistencyWaits consistency, ContextBlock contextBlock,
            RecallHints hints, RecallComparison comparison, FocusBrief focusBrief, LayeredContext layeredContext,
            SkillSelection skills, RecallExplainer explainer) {
        this.hints = hints;
        this.comparison = comparison;
        this.focusBrief = focusBrief;
        this.layeredContext = layeredContext;
        this.skills = skills;
        this.explainer = explainer;
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
        int maxTokens = bounded(recall.remove("max_tokens"), "max_tokens", DEFAULT_MAX_TOKENS, 1, MAX_MAX_TOKENS);
        EncodingType encoding = encoding(recall.remove("encoding"));
        RecallRequest request = recallRequests.parse(recall);
        return afterConsistency(workspaceId, request, () -> {
            long started = System.nanoTime();
            RecallResponse found = recaller.recall(workspaceId, request);
            ContextBlock.Built built = contextBlock.build(found.results(), maxTokens, encoding);
            return ContextBlock.answer(built, maxTokens, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /** Title lines and named entities instead of contents: {@code query}, {@code limit}, {@code hint_length}, {@code filters}. */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/hints")
    RecallHints.Answer hints(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("query", "limit", "hint_length", "filters"));
        int hintLength = bounded(tree.get("hint_length"), "hint_length", RecallHints.DEFAULT_HINT_LENGTH,
                RecallHints.MIN_HINT_LENGTH, RecallHints.MAX_HINT_LENGTH);
        return hints.hints(workspaceId, plainRecall(tree, "query", recallRequests.limit(tree)), hintLength);
    }

    /** Two recalls side by side: {@code query_a}, {@code query_b}, {@code limit} (default 8), {@code filters}. */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/compare")
    RecallComparison.Answer compare(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("query_a", "query_b", "limit", "filters"));
        int limit = recallRequests.limit(tree, RecallComparison.DEFAULT_LIMIT);
        return comparison.compare(workspaceId, plainRecall(tree, "query_a", limit), plainRecall(tree, "query_b", limit));
    }

    /** What a recall's best memories are about: {@code query}, {@code limit} (default 8), {@code filters}. */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/brief")
    FocusBrief.Answer brief(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("query", "limit", "filters"));
        return focusBrief.brief(workspaceId, plainRecall(tree, "query", recallRequests.limit(tree, FocusBrief.DEFAULT_LIMIT)));
    }

    /**
     * L0–L3 context for a system prompt: {@code query} (optional; without it no L3), {@code max_tokens} (default
     * 4,000), {@code encoding}, {@code filters}.
     */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/layers")
    Map<String, Object> layers(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("query", "max_tokens", "encoding", "filters"));
        int maxTokens = bounded(tree.get("max_tokens"), "max_tokens", LayeredContext.DEFAULT_MAX_TOKENS, 1, MAX_MAX_TOKENS);
        EncodingType encoding = encoding(tree.get("encoding"));
        MemorySelection selection = selection(tree);
        JsonNode query = tree.get("query");
        RecallRequest search = query == null || query.isNull() ? null
                : recallRequests.plain(recallRequests.query(tree, "query"), LayeredContext.SEARCH_RESULTS, selection);
        return layeredContext.layers(workspaceId, selection, search, maxTokens, encoding);
    }

    /** Procedures worth injecting for a task, or none: {@code query}, {@code max_skills} (1–10, default 3), {@code filters}. */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/skills")
    SkillSelection.Answer skills(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        JsonNode tree = body(workspaceId, body, Set.of("query", "max_skills", "filters"));
        int maxSkills = bounded(tree.get("max_skills"), "max_skills", SkillSelection.DEFAULT_MAX_SKILLS, 1,
                SkillSelection.MAX_MAX_SKILLS);
        return skills.select(workspaceId, recallRequests.query(tree, "query"), selection(tree), maxSkills);
    }

    /** A recall with every stage's ranks and scores, recording no access. Takes every recall field. */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall/explain")
    CompletableFuture<RecallExplainer.Answer> explain(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body) {
        requireWorkspace(workspaceId);
        RecallRequest request = recallRequests.parse(recallRequests.object(body, false));
        return afterConsistency(workspaceId, request, () -> explainer.explain(workspaceId, request));
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

    /** Answers now, or once the write behind the request's consistency token is applied. */
    private <T> CompletableFuture<T> afterConsistency(UUID workspaceId, RecallRequest request, Supplier<T> answer) {
        if (request.consistencyToken() == null) {
            return CompletableFuture.completedFuture(answer.get());
        }
        return consistency.afterApplied(workspaceId, request.consistencyToken(), answer);
    }

    /** A recall of the query in {@code field} with the body's filters and every stage as shipped. */
    private RecallRequest plainRecall(JsonNode tree, String field, int limit) {
        return recallRequests.plain(recallRequests.query(tree, field), limit, selection(tree));
    }

    /** An optional integer field within [min, max], or its default. */
    private static int bounded(JsonNode node, String field, int defaultValue, int min, int max) {
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.invalidField(field, "'" + field + "' must be an integer from " + min + " to " + max);
        }
        return node.asInt();
    }

    private static EncodingType encoding(JsonNode node) {
        String name = node == null || node.isNull() ? TokenEncodings.DEFAULT : node.isString() ? node.asString() : "";
        return TokenEncodings.named(name).orElseThrow(() ->
                ApiException.invalidField("encoding", "'encoding' must be o200k_base or cl100k_base"));
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
