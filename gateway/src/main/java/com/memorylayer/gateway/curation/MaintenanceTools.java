package com.memorylayer.gateway.curation;

import static com.memorylayer.gateway.mcp.ToolSchemas.anyObject;
import static com.memorylayer.gateway.mcp.ToolSchemas.array;
import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.commandAnswer;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.layer;
import static com.memorylayer.gateway.mcp.ToolSchemas.number;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.output;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;
import static com.memorylayer.gateway.mcp.ToolSchemas.strings;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.mcp.ForwardedAnswer;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.mcp.ToolRequests;
import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.filter.MemorySelectionParser;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Curating many memories at once as MCP tools: batch tagging, bulk forget, dedupe, the consolidation pass, pattern
 * extraction and a readable export. The engine's tools act when called, so here a dedupe or consolidation runs
 * unless {@code dry_run} is asked for; bulk forget alone previews unless {@code confirm} is true, as the engine's does.
 */
@Component
class MaintenanceTools implements McpToolSet {

    /**
     * As many as one page of {@code GET /memories}, which a read key may list anyway: the whole workspace streams from
     * {@code GET /export}, which takes the admin scope and an export slot.
     */
    static final int MAX_EXPORT = 500;

    private final CurationController routes;
    private final MemoryReads reads;
    private final MemorySelectionParser selections;
    private final QueryForwarder recalls;
    private final PatternExtraction patterns;
    private final ObjectMapper mapper;

    MaintenanceTools(CurationController routes, MemoryReads reads, MemorySelectionParser selections, QueryForwarder recalls,
            PatternExtraction patterns, ObjectMapper mapper) {
        this.routes = routes;
        this.reads = reads;
        this.selections = selections;
        this.recalls = recalls;
        this.patterns = patterns;
        this.mapper = mapper;
    }

    @Override
    public String group() {
        return "curation";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> batchTag = new LinkedHashMap<>();
        batchTag.put("query", string("Which memories: the recall's best matches"));
        batchTag.put("tags", strings("Tags to add to each"));
        batchTag.put("top_k", integer("How many matches to tag", 1, 100, 10));
        Map<String, Object> bulkForget = new LinkedHashMap<>();
        bulkForget.put("filters", anyObject("The recall filters: tags_any, tags_all, kind, session_id, metadata, created_after, ..."));
        bulkForget.put("layer", layer("Only this layer"));
        bulkForget.put("older_than", string("Only memories created before this day (YYYY-MM-DD) or time (ISO-8601)"));
        bulkForget.put("confirm", bool("true forgets them; otherwise the answer is what would be forgotten (default false)"));
        bulkForget.put("reason", string("Why, kept in each memory's history"));
        Map<String, Object> dedup = new LinkedHashMap<>();
        dedup.put("threshold", number("Accepted for compatibility and ignored: only repeats in the same wording merge (default 0.92)"));
        dedup.put("max_merges", integer("Merges at most", 0, 10_000, 50));
        dedup.put("dry_run", bool("Only say what would merge (default false)"));
        Map<String, Object> patternArgs = new LinkedHashMap<>();
        patternArgs.put("hours", number("The window: memories of the last this many hours (default 4)"));
        patternArgs.put("novelty_threshold", number("Kept when 1 - cosine to the nearest procedural memory is at least this (default 0.25)"));
        patternArgs.put("dry_run", bool("Only say what would be stored (default false)"));
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", Map.of("type", "string", "enum", List.of("markdown", "json"), "default", "markdown",
                "description", "markdown sections or JSON rows"));
        export.put("layer", layer("Only this layer"));
        export.put("limit", integer("The newest this many", 1, MAX_EXPORT, 100));
        return List.of(
                new McpTool("batch_tag", "Add tags to the memories a query finds best. Answers once applied.",
                        object(batchTag, "query", "tags"), Scope.WRITE, false, false, true, this::batchTag)
                        .withOutput(output(Map.of("tagged", Map.of("type", "integer"), "tags_added", array("The tags"),
                                "memory_ids", array("The memories tagged")), "tagged", "tags_added", "memory_ids")),
                new McpTool("bulk_forget", "Forget every memory a filter names (restorable for 30 days). Without confirm=true it"
                        + " only previews: the count and a sample.", object(bulkForget), Scope.WRITE, false, true, false, this::bulkForget)
                        .withOutput(commandAnswer()),
                new McpTool("dedup", "Merge repeats (the same words, numbers and symbols in the same order, ignoring case, punctuation and spacing) into the older one. A queued pass answers a progress_url.",
                        object(dedup), Scope.WRITE, false, true, false, (caller, arguments) -> {
                            ObjectNode body = arguments.deepCopy();
                            body.put("dry_run", arguments.path("dry_run").asBoolean(false));
                            return routes.dedupe(body, true, caller).getBody();
                        }).withOutput(commandAnswer()),
                new McpTool("consolidate", "The lifecycle pass: promote working and much-recalled memories, forget old unused"
                        + " unimportant ones (restorable), merge near-duplicates. dry_run only says what it would do.",
                        object(Map.of("dry_run", bool("Only say what would change (default false)"))), Scope.WRITE, false, true, false,
                        (caller, arguments) -> routes.consolidate(mapper.createObjectNode()
                                .put("dry_run", arguments.path("dry_run").asBoolean(false)), true, caller).getBody())
                        .withOutput(commandAnswer()),
                new McpTool("extract_patterns", "Turn the last hours' decisions, gotchas, fixes, integration notes and workflows"
                        + " into procedural pattern memories, when no procedural memory already says them.", object(patternArgs),
                        Scope.WRITE, false, false, false, (caller, arguments) -> patterns.extract(caller,
                                bounded(arguments, "hours", 4, 0.01, 24 * 90), bounded(arguments, "novelty_threshold", 0.25, 0, 1),
                                arguments.path("dry_run").asBoolean(false)))
                        .withOutput(output(Map.of("scanned", Map.of("type", "integer"), "dry_run", Map.of("type", "boolean"),
                                "patterns", array("source_memory_id, category, novelty and, once stored, memory_id")),
                                "scanned", "dry_run", "patterns")),
                new McpTool("export", "The newest memories (or one layer's) as markdown sections or JSON rows. The whole workspace"
                        + " streams from GET /export.", object(export), Scope.READ, true, false, true, this::export)
                        .withOutput(output(Map.of("format", string("markdown or json"), "count", Map.of("type", "integer"),
                                "markdown", string("For markdown"), "memories", array("For json")), "format", "count")));
    }

    private static double bounded(ObjectNode arguments, String field, double fallback, double min, double max) {
        double value = arguments.path(field).asDouble(fallback);
        if (value < min || value > max) {
            throw ApiException.invalidField(field, "'" + field + "' must be between " + min + " and " + max);
        }
        return value;
    }

    private Map<String, Object> batchTag(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode recall = mapper.createObjectNode();
        recall.set("query", arguments.get("query"));
        recall.put("limit", arguments.path("top_k").asInt(10));
        JsonNode found = mapper.valueToTree(ForwardedAnswer.of(recalls.post(caller.workspace().id(), "/recall",
                mapper.writeValueAsBytes(recall)), mapper).get("results"));
        MeteredUnits.of(ToolRequests.current()).recalls(1);
        List<String> ids = new ArrayList<>();
        found.forEach(result -> ids.add(result.path("id").asString()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tagged", ids.size());
        answer.put("tags_added", arguments.get("tags"));
        answer.put("memory_ids", ids);
        if (!ids.isEmpty()) {
            ObjectNode batch = mapper.createObjectNode();
            batch.set("ids", mapper.valueToTree(ids));
            batch.set("tags_add", arguments.get("tags"));
            answer.put("status", ToolRequests.asTool(Map.of("tags_add", "tags"),
                    () -> routes.batch(batch, true, caller, ToolRequests.current()).getBody()).get("status"));
        }
        return answer;
    }

    private Map<String, Object> bulkForget(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode filters = arguments.has("filters") && arguments.get("filters").isObject()
                ? ((ObjectNode) arguments.get("filters")).deepCopy() : mapper.createObjectNode();
        if (arguments.has("layer")) {
            if (filters.has("layer")) {
                throw ApiException.invalidField("layer", "give the layer once: as 'layer' or in 'filters', not both");
            }
            filters.set("layer", arguments.get("layer"));
        }
        if (!filters.isEmpty()) {
            body.set("filters", filters);
        }
        if (arguments.hasNonNull("older_than")) {
            body.put("older_than", instant(arguments.get("older_than").asString()));
        }
        body.put("dry_run", !arguments.path("confirm").asBoolean(false));
        if (arguments.has("reason")) {
            body.set("reason", arguments.get("reason"));
        }
        return routes.forgetMany(body, true, caller, ToolRequests.current()).getBody();
    }

    /** The engine's older_than is a day; a time is taken as it is. */
    private static String instant(String value) {
        if (value.length() == 10) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeException e) {
                throw ApiException.invalidField("older_than", "'older_than' is a day (2026-03-02) or an ISO-8601 time");
            }
        }
        return value;
    }

    private Map<String, Object> export(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode filters = mapper.createObjectNode();
        if (arguments.has("layer")) {
            filters.set("layer", arguments.get("layer"));
        }
        MemorySelection selection = selections.parse(filters, "arguments")
                .withDefaultStatus(EnumSet.complementOf(EnumSet.of(MemoryStatus.FORGOTTEN)));
        List<MemoryView> memories = reads.list(caller.workspace(), selection, arguments.path("limit").asInt(100), null)
                .memories();
        String format = arguments.path("format").asString("markdown");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("format", format);
        answer.put("count", memories.size());
        if (format.equals("json")) {
            answer.put("memories", memories);
        } else {
            StringBuilder markdown = new StringBuilder();
            for (MemoryView memory : memories) {
                markdown.append("## [").append(String.valueOf(memory.createdAt()), 0, 10).append("] ").append(memory.layer())
                        .append(" (imp=").append(String.format(java.util.Locale.ROOT, "%.2f", memory.importance()))
                        .append(") ").append(memory.id()).append("\n\n").append(memory.content()).append("\n\n");
            }
            answer.put("markdown", markdown.toString());
        }
        return answer;
    }
}
