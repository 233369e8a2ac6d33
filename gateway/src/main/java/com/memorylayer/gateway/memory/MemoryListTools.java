package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.reads.QueryForwarder;
import static com.memorylayer.gateway.mcp.ToolSchemas.array;
import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.layer;
import static com.memorylayer.gateway.mcp.ToolSchemas.memoryType;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.output;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.ForwardedAnswer;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.web.filter.MemorySelectionParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading memories without a query, and the engine's compress: list (the {@code GET /memories} route), the most
 * important of a type or layer, and a recall's top 20 packed into a token budget.
 */
@Component
class MemoryListTools implements McpToolSet {

    /** The engine compresses its top 20 matches. */
    static final int COMPRESS_CANDIDATES = 20;

    private final MemoryReadController routes;
    private final MemoryReads reads;
    private final MemorySelectionParser selections;
    private final QueryForwarder recalls;
    private final ObjectMapper mapper;

    MemoryListTools(MemoryReadController routes, MemoryReads reads, MemorySelectionParser selections, QueryForwarder recalls,
            ObjectMapper mapper) {
        this.routes = routes;
        this.reads = reads;
        this.selections = selections;
        this.recalls = recalls;
        this.mapper = mapper;
    }

    @Override
    public String group() {
        return "memory";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("status", string("Comma-separated statuses (default: every status but forgotten)"));
        list.put("layer", string("Comma-separated layers"));
        list.put("memory_type", string("Comma-separated memory types"));
        list.put("kind", string("Only this kind"));
        list.put("tag", string("Only memories with this tag"));
        list.put("session_id", string("Only this session's"));
        list.put("pinned", bool("Only pinned (true) or unpinned (false)"));
        list.put("created_after", string("ISO-8601, exclusive"));
        list.put("created_before", string("ISO-8601, exclusive"));
        list.put("limit", integer("How many, newest first", 1, 500, 50));
        list.put("cursor", string("The previous page's next_cursor"));
        Map<String, Object> byType = new LinkedHashMap<>();
        byType.put("memory_type", memoryType("The type"));
        byType.put("limit", integer("How many, most important first", 1, 500, 20));
        Map<String, Object> byLayer = new LinkedHashMap<>();
        byLayer.put("layer", layer("The layer"));
        byLayer.put("limit", integer("How many, most important first", 1, 500, 20));
        Map<String, Object> compress = new LinkedHashMap<>();
        compress.put("query", string("What to look for"));
        compress.put("max_tokens", integer("The budget in o200k_base tokens", 1, 32_000, 2_000));
        return List.of(
                McpTool.read("list_memories", "The workspace's memories, newest first, filtered and paged (next_cursor).", object(list),
                        this::list).withOutput(output(Map.of("memories", array("Newest first"),
                        "next_cursor", Map.of("type", List.of("string", "null"))), "memories", "next_cursor")),
                McpTool.read("recall_by_type", "The most important active memories of one type (not a search).",
                        object(byType, "memory_type"), (caller, arguments) -> important(caller, "memory_type", arguments)),
                McpTool.read("recall_layer", "The most important active memories of one layer (not a search).", object(byLayer, "layer"),
                        (caller, arguments) -> important(caller, "layer", arguments)),
                McpTool.answeringLater("compress", "A recall's top 20 memories packed into a token budget: each cut to what fits,"
                        + " citing its id.", object(compress, "query"), Scope.READ, true, false, true, this::compress)
                        .withOutput(output(Map.of("compressed", string("The packed block"), "tokens", Map.of("type", "integer"),
                                "memories_used", array("The ids of the memories it cites")), "compressed", "tokens", "memories_used")));
    }


    private Map<String, Object> list(WorkspaceCaller caller, ObjectNode arguments) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        arguments.properties().forEach(e -> query.add(e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        return routes.list(caller, query);
    }

    private Map<String, Object> important(WorkspaceCaller caller, String field, ObjectNode arguments) {
        ObjectNode filters = mapper.createObjectNode();
        filters.set(field, arguments.get(field));
        MemorySelection selection = selections.parse(filters, "arguments").withDefaultStatus(MemoryStatus.RECALLED_BY_DEFAULT);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(field, arguments.get(field).asString());
        answer.put("memories", reads.mostImportant(caller.workspace(), selection, arguments.path("limit").asInt(20)));
        return answer;
    }

    private CompletableFuture<Map<String, Object>> compress(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = mapper.createObjectNode();
        body.set("query", arguments.get("query"));
        body.put("limit", COMPRESS_CANDIDATES);
        body.put("max_tokens", arguments.path("max_tokens").asInt(2_000));
        return ForwardedAnswer.later(recalls.variant(caller.workspace().id(), "context", mapper.writeValueAsBytes(body)), mapper)
                .thenApply(context -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("compressed", context.get("context"));
                    answer.put("tokens", context.get("tokens"));
                    answer.put("max_tokens", context.get("max_tokens"));
                    answer.put("memories_used", context.get("memories_used"));
                    answer.put("candidates", COMPRESS_CANDIDATES);
                    return answer;
                });
    }
}
