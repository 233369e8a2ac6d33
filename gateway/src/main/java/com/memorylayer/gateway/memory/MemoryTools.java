package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.reads.QueryForwarder;
import static com.memorylayer.gateway.mcp.ToolSchemas.anyObject;
import static com.memorylayer.gateway.mcp.ToolSchemas.array;
import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.commandAnswer;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.number;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.output;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;
import static com.memorylayer.gateway.mcp.ToolSchemas.strings;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.ForwardedAnswer;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.mcp.ToolRequests;
import com.memorylayer.gateway.mcp.ToolSchemas;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.web.error.ApiException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remember and recall as MCP tools, under the engine's names and parameters ({@code top_k} is recall's
 * {@code limit}): each is the REST route's own parsing and command, or its forwarded read.
 */
@Component
class MemoryTools implements McpToolSet {

    private final Remembering remembering;
    private final QueryForwarder recalls;
    private final MemoryReads reads;
    private final ObjectMapper mapper;

    MemoryTools(Remembering remembering, QueryForwarder recalls, MemoryReads reads, ObjectMapper mapper) {
        this.remembering = remembering;
        this.reads = reads;
        this.recalls = recalls;
        this.mapper = mapper;
    }

    @Override
    public String group() {
        return "memory";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> remember = new LinkedHashMap<>();
        remember.put("content", string("What to remember"));
        remember.put("kind", string("A label of your own, e.g. note, decision, error (default note)"));
        remember.put("tags", strings("Tags to filter by later"));
        remember.put("metadata", anyObject("Any JSON object, filterable by top-level keys"));
        remember.put("session_id", string(AgentSessions.SESSION_ARGUMENT));
        remember.put("importance", number("0 to 1 (default 0.7)"));
        remember.put("created_at", string("When it happened, ISO-8601 (default now)"));
        remember.put("layer", ToolSchemas.layer("episodic by default"));
        remember.put("memory_type", ToolSchemas.memoryType("narrative by default"));
        remember.put("pinned", bool("Never forgotten by consolidation"));
        remember.put("dedupe", bool("false stores it even if it repeats a live memory (default true)"));
        remember.put("source_type", string("The engine's provenance label, e.g. remember:human; kept as metadata.source_type"));
        Map<String, Object> recall = new LinkedHashMap<>();
        recall.put("query", string("What to look for"));
        recall.put("top_k", integer("How many memories", 1, 100, 10));
        recall.put("mode", string("facts_only, facts_plus_rules or full_context (default)"));
        recall.put("filters", anyObject("The REST recall's filters: tags_any, tags_all, kind, session_id, metadata, created_after, ..."));
        recall.put("session_id", string(AgentSessions.SESSION_ARGUMENT + "; its handoff lists the query"));
        recall.put("reference_date", string("When the question is asked, for the times it names (default now)"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("query", string("What the context is for"));
        context.put("max_tokens", integer("The block's budget in o200k_base tokens", 1, 32_000, 2_000));
        context.put("session_id", string(AgentSessions.SESSION_ARGUMENT));
        Map<String, Object> hints = new LinkedHashMap<>();
        hints.put("query", string("What to look for"));
        hints.put("top_k", integer("How many memories", 1, 100, 10));
        hints.put("hint_length", integer("Characters of each hint", 10, 500, 60));
        Map<String, Object> recent = Map.of("limit", integer("How many memories, newest first", 1, 100, 20));
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("start", string("A day (2026-03-02) or a month (2026-03)"));
        timeline.put("end", string("The last day, inclusive (optional; without it, the start's day or month)"));
        timeline.put("limit", integer("How many memories, oldest first", 1, 100, 50));
        Map<String, Object> similar = new LinkedHashMap<>();
        similar.put("memory_id", string("The memory to find neighbours of"));
        similar.put("top_k", integer("How many memories", 1, 100, 5));
        Map<String, Object> explain = new LinkedHashMap<>();
        explain.put("query", string("The query to explain"));
        explain.put("top_k", integer("How many results", 1, 100, 10));
        explain.put("reference_date", string("When the question is asked (default now)"));
        Map<String, Object> brief = new LinkedHashMap<>();
        brief.put("query", string("The focus"));
        brief.put("top_k", integer("How many memories to brief from", 1, 100, 8));
        Map<String, Object> compare = new LinkedHashMap<>();
        compare.put("query_a", string("The first query"));
        compare.put("query_b", string("The second query"));
        compare.put("top_k", integer("How many memories each", 1, 100, 8));
        Map<String, Object> layers = new LinkedHashMap<>();
        layers.put("query", string("What the session is about (optional: adds L3, search results)"));
        layers.put("max_tokens", integer("The budget for all four layers", 1, 32_000, 4_000));
        Map<String, Object> skills = new LinkedHashMap<>();
        skills.put("query", string("The task at hand"));
        skills.put("max_skills", integer("How many procedures at most", 1, 10, 3));
        skills.put("format", bool("true (default) adds the procedures as one prompt-ready block, context"));
        return List.of(
                new McpTool("remember", "Store a memory in this workspace; answers once it is stored.",
                        object(remember, "content"), Scope.WRITE, false, false, false, this::remember)
                        .withOutput(commandAnswer()),
                new McpTool("get_memory", "One memory, whole: content, tags, metadata, lifecycle, version.",
                        object(Map.of("memory_id", string("The memory's id")), "memory_id"), Scope.READ, true, false, true,
                        (caller, arguments) -> reads.memory(caller.workspace(), ToolRequests.memoryId(arguments))
                                .map(this::answer).orElseThrow(() -> MemoryReadController.notFound(ToolRequests.memoryId(arguments)))),
                McpTool.answeringLater("recall", "The workspace's memories that best match a query, best first, with scores.",
                        object(recall, "query"), Scope.READ, true, false, true, this::recall)
                        .withOutput(output(Map.of("results", array("id, content, score, tags, kind, layer, created_at, ... best first")),
                                "results")),
                McpTool.answeringLater("recall_context", "A recall's best memories as one prompt-ready block within a token"
                        + " budget, each line citing its memory id.", object(context, "query"), Scope.READ, true, false, true,
                        this::context)
                        .withOutput(output(Map.of("context", string("The block"), "tokens", Map.of("type", "integer"),
                                "memories_used", array("The ids of the memories it cites")), "context", "tokens", "memories_used")),
                variant("recall_hints", "hints", "Only a title-line hint of each matching memory, with up to 5 entities each.",
                        object(hints, "query")),
                variant("recall_recent", "recent", "The latest memories, newest first.", object(recent)),
                McpTool.answeringLater("recall_timeline", "The memories of a day, a month or a range of days, oldest first.",
                        object(timeline, "start"), Scope.READ, true, false, true, this::timeline),
                variant("find_similar", "similar", "The memories nearest a given one, itself left out.", object(similar, "memory_id")),
                variant("recall_explain", "explain", "How recall ranks for a query: intent, candidates per channel, each result's"
                        + " scores per stage. Changes nothing (no access is counted).", object(explain, "query")),
                variant("focus_brief", "brief", "A briefing on a focus: time window, top layers, types and entities, key memories,"
                        + " follow-up queries.", object(brief, "query")),
                variant("compare_queries", "compare", "Two recalls side by side: what both find, what only each finds.",
                        object(compare, "query_a", "query_b")),
                variant("layers", "layers", "Graduated context for a system prompt: identity, core knowledge, recent and"
                        + " procedural, search results (L0-L3), within a token budget.", object(layers)),
                McpTool.answeringLater("get_skills", "The procedures worth putting in the prompt for a task, with a decision"
                        + " and a reason.", object(skills, "query"), Scope.READ, true, false, true, this::skills));
    }

    /** A recall variant under the engine's name, {@code top_k} as its {@code limit}. */
    private McpTool variant(String name, String route, String description, Map<String, Object> schema) {
        return McpTool.answeringLater(name, description, schema, Scope.READ, true, false, true, (caller, arguments) ->
                ForwardedAnswer.later(recalls.variant(caller.workspace().id(), route, mapper.writeValueAsBytes(limited(arguments))), mapper));
    }

    /** The arguments as the route's body: the engine's {@code top_k} is recall's {@code limit}. */
    private static ObjectNode limited(ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        if (body.has("top_k")) {
            body.set("limit", body.remove("top_k"));
        }
        return body;
    }

    /** The engine's {@code start}/{@code end} days or month as recall/timeline's {@code from}/{@code to}. */
    private CompletableFuture<Map<String, Object>> timeline(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = mapper.createObjectNode();
        try {
            String start = arguments.path("start").asString("");
            boolean month = start.length() == 7;
            LocalDate from = month ? YearMonth.parse(start).atDay(1) : LocalDate.parse(start);
            LocalDate to = arguments.hasNonNull("end") ? LocalDate.parse(arguments.get("end").asString()).plusDays(1)
                    : month ? from.plusMonths(1) : from.plusDays(1);
            body.put("from", from.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
            body.put("to", to.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        } catch (DateTimeException e) {
            throw ApiException.invalidField("start", "'start' is a day (2026-03-02) or a month (2026-03), 'end' a day");
        }
        if (arguments.hasNonNull("limit")) {
            body.set("limit", arguments.get("limit"));
        }
        return ForwardedAnswer.later(recalls.variant(caller.workspace().id(), "timeline", mapper.writeValueAsBytes(body)), mapper);
    }

    /** The engine's source_type has no column here; it is kept where filters can still find it. */
    private Map<String, Object> remember(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        JsonNode sourceType = body.remove("source_type");
        if (sourceType != null && !sourceType.isNull()) {
            if (body.has("metadata") && !body.get("metadata").isObject()) {
                throw ApiException.invalidField("metadata", "'metadata' must be a JSON object");
            }
            ObjectNode metadata = body.has("metadata") ? (ObjectNode) body.get("metadata") : body.putObject("metadata");
            metadata.set("source_type", sourceType);
        }
        return remembering.remember(caller, body);
    }

    /** The skills variant; with format (the engine's default) the chosen procedures also come as one block. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Map<String, Object>> skills(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        JsonNode format = body.remove("format");
        return ForwardedAnswer.later(recalls.variant(caller.workspace().id(), "skills", mapper.writeValueAsBytes(body)), mapper)
                .thenApply(forwarded -> {
                    Map<String, Object> answer = new LinkedHashMap<>(forwarded);
                    List<Map<String, Object>> chosen = (List<Map<String, Object>>) answer.getOrDefault("skills", List.of());
                    answer.put("skill_count", chosen.size());
                    if (format == null || format.asBoolean(true)) {
                        answer.put("context", chosen.isEmpty() ? "" : chosen.stream()
                                .map(s -> "- " + s.get("content") + " [" + s.get("id") + provenance(s.get("origin")) + "]")
                                .collect(java.util.stream.Collectors.joining("\n", "Procedures for this task:\n", "")));
                    }
                    return answer;
                });
    }

    /**
     * Where a procedure came from, in the prompt block: one derived from plain text by {@code extract_patterns} is a
     * pattern someone noticed, not an instruction someone wrote, and the block says so with its sources.
     */
    private static String provenance(Object origin) {
        if (!(origin instanceof Map<?, ?> from)) {
            return "";
        }
        String source = from.get("source") == null ? "" : "; source " + from.get("source");
        if (from.get("derived_by") == null) {
            return source;
        }
        return "; derived by " + from.get("derived_by") + " from " + from.get("derived_from") + source;
    }

    private CompletableFuture<Map<String, Object>> recall(WorkspaceCaller caller, ObjectNode arguments) {
        return ForwardedAnswer.later(recalls.recall(caller.workspace().id(), mapper.writeValueAsBytes(limited(arguments)),
                caller.allows(Scope.WRITE)), mapper);
    }

    /** A tool's answer is a JSON object: the record the query service answered, as one. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> answer(Record memory) {
        return mapper.convertValue(memory, Map.class);
    }

    private CompletableFuture<Map<String, Object>> context(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        if (!body.has("max_tokens")) {
            body.put("max_tokens", 2_000);
        }
        return ForwardedAnswer.later(recalls.variant(caller.workspace().id(), "context", mapper.writeValueAsBytes(body)), mapper);
    }
}
