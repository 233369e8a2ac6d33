package com.memorylayer.gateway.health;

import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.number;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.output;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.mcp.ToolRequests;
import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.reads.stats.MemoryGroups;
import com.memorylayer.schemas.reads.stats.MemoryMap;
import com.memorylayer.schemas.reads.stats.RuntimeState;
import com.memorylayer.schemas.reads.stats.TopEntities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The workspace's own health and statistics as MCP tools: the REST routes' own methods and counts. */
@Component
class HealthTools implements McpToolSet {

    static final int ENTITY_GROUPS = 30;

    private final WorkspaceHealthController routes;
    private final QueryReads reads;
    private final QueryServiceRuntime runtime;
    private final ObjectMapper mapper;

    HealthTools(WorkspaceHealthController routes, QueryReads reads, QueryServiceRuntime runtime, ObjectMapper mapper) {
        this.routes = routes;
        this.reads = reads;
        this.runtime = runtime;
        this.mapper = mapper;
    }

    @Override
    public String group() {
        return "health";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> countBy = Map.of("group_by", Map.of("type", "string", "description", "What to count by",
                "enum", List.of("layer", "memory_type", "status", "source", "source_type", "month", "entity")));
        Map<String, Object> hotspots = new LinkedHashMap<>();
        hotspots.put("hours", number("The window in hours, 1 to 2160 (default 72)"));
        hotspots.put("limit", integer("Entities and memories shown", 1, 500, 8));
        return List.of(
                McpTool.read("status", "What the workspace holds: memories by layer, type, status, source and month; entities,"
                        + " relations, bytes.", object(Map.of()), (caller, arguments) -> json(routes.status(caller)))
                        .withOutput(output(Map.of("memories", Map.of("type", "object"), "entities", Map.of("type", "integer"),
                                "relations", Map.of("type", "integer"), "bytes", Map.of("type", "integer")),
                                "memories", "entities", "relations", "bytes")),
                McpTool.read("health", "Whether the workspace is whole: memories without vectors, entities without memories,"
                        + " embedding models, the query service's runtime.", object(Map.of()), (caller, arguments) -> json(routes.health(caller))),
                McpTool.read("memory_map", "status, plus per layer its memories, top 5 entities, oldest and newest; and the last hour's"
                        + " writes and recalls.", object(Map.of()), (caller, arguments) -> json(reads.get(caller.workspace().id(), "/stats/memory-map", MemoryMap.class))),
                McpTool.read("quality_metrics", "How well kept the workspace is: shares recalled, curated and untagged, duplicates left.",
                        object(Map.of()), (caller, arguments) -> json(routes.quality(caller))),
                McpTool.read("count_by", "Memory counts grouped by layer, type, status, source or month, or the 30 most-named entities.",
                        object(countBy, "group_by"), this::countBy)
                        .withOutput(output(Map.of("group_by", string("What was counted by"),
                                "counts", Map.of("type", List.of("object", "array"), "description", "value: count, or entities")),
                                "group_by", "counts")),
                McpTool.read("access_patterns", "The most recalled memories.",
                        object(Map.of("limit", integer("How many", 1, 500, 20))), (caller, arguments) ->
                                json(routes.accessPatterns(caller, ToolRequests.query("limit", arguments.path("limit").asInt(20))))),
                McpTool.read("hotspots", "What was written or recalled lately: counts, hot entities, hot memories, hourly writes.",
                        object(hotspots), this::hotspots),
                McpTool.read("reranker_status", "Which reranker recall runs (a cross-encoder, or none) and on what embedding model.",
                        object(Map.of()), this::reranker)
                        .withOutput(output(Map.of("reachable", Map.of("type", "boolean"), "active", Map.of("type", "boolean"),
                                "trainable", Map.of("type", "boolean")), "reachable", "active", "trainable")));
    }


    private Map<String, Object> countBy(WorkspaceCaller caller, ObjectNode arguments) {
        String groupBy = arguments.path("group_by").asString("");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("group_by", groupBy);
        // source_type is the engine's name for the source.
        UUID workspaceId = caller.workspace().id();
        answer.put("counts", groupBy.equals("entity")
                ? json(reads.get(workspaceId, "/stats/top-entities?limit=" + ENTITY_GROUPS, TopEntities.class)).get("entities")
                : reads.get(workspaceId, "/stats/count-by?group_by=" + (groupBy.equals("source_type") ? "source" : groupBy),
                        MemoryGroups.class).counts());
        return answer;
    }

    private Map<String, Object> hotspots(WorkspaceCaller caller, ObjectNode arguments) {
        // The engine takes fractional hours; the route counts whole ones, at least one.
        MultiValueMap<String, String> query = ToolRequests.query("hours", (int) Math.max(1, Math.ceil(arguments.path("hours").asDouble(72))));
        query.add("limit", Integer.toString(arguments.path("limit").asInt(8)));
        return json(routes.hotspots(caller, query));
    }

    private Map<String, Object> reranker(WorkspaceCaller caller, ObjectNode arguments) {
        RuntimeState state = runtime.state(caller.workspace().id());
        Map<String, Object> answer = new LinkedHashMap<>();
        String reranker = state.reranker();
        answer.put("reachable", state.reachable());
        answer.put("reranker", reranker);
        answer.put("active", reranker != null && !"none".equals(reranker));
        // The engine could train a small reranker on access logs; this one is a fixed cross-encoder or none.
        answer.put("trainable", false);
        answer.put("query_embedding_model", state.queryEmbeddingModel());
        return answer;
    }

    /** A read's record as a tool's structured content: its JSON, the same shape the REST route answers. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> json(Object answer) {
        return mapper.convertValue(answer, Map.class);
    }
}
