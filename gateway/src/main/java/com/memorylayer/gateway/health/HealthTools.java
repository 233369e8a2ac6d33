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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.node.ObjectNode;

/** The workspace's own health and statistics as MCP tools: the REST routes' own methods and counts. */
@Component
class HealthTools implements McpToolSet {

    static final int ENTITY_GROUPS = 30;

    private final WorkspaceHealthController routes;
    private final WorkspaceUsageStats stats;
    private final QueryServiceRuntime runtime;

    HealthTools(WorkspaceHealthController routes, WorkspaceUsageStats stats, QueryServiceRuntime runtime) {
        this.routes = routes;
        this.stats = stats;
        this.runtime = runtime;
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
                        + " relations, bytes.", object(Map.of()), (caller, arguments) -> routes.status(caller))
                        .withOutput(output(Map.of("memories", Map.of("type", "object"), "entities", Map.of("type", "integer"),
                                "relations", Map.of("type", "integer"), "bytes", Map.of("type", "integer")),
                                "memories", "entities", "relations", "bytes")),
                McpTool.read("health", "Whether the workspace is whole: memories without vectors, entities without memories,"
                        + " embedding models, the query service's runtime.", object(Map.of()), (caller, arguments) -> routes.health(caller)),
                McpTool.read("memory_map", "status, plus per layer its memories, top 5 entities, oldest and newest; and the last hour's"
                        + " writes and recalls.", object(Map.of()), (caller, arguments) -> stats.memoryMap(caller.workspace())),
                McpTool.read("quality_metrics", "How well kept the workspace is: shares recalled, curated and untagged, duplicates left.",
                        object(Map.of()), (caller, arguments) -> routes.quality(caller)),
                McpTool.read("count_by", "Memory counts grouped by layer, type, status, source or month, or the 30 most-named entities.",
                        object(countBy, "group_by"), this::countBy)
                        .withOutput(output(Map.of("group_by", string("What was counted by"),
                                "counts", Map.of("type", List.of("object", "array"), "description", "value: count, or entities")),
                                "group_by", "counts")),
                McpTool.read("access_patterns", "The most recalled memories.",
                        object(Map.of("limit", integer("How many", 1, 500, 20))), (caller, arguments) ->
                                routes.accessPatterns(caller, ToolRequests.query("limit", arguments.path("limit").asInt(20)))),
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
        answer.put("counts", groupBy.equals("entity") ? stats.topEntities(caller.workspace(), ENTITY_GROUPS)
                : stats.countBy(caller.workspace(), groupBy.equals("source_type") ? "source" : groupBy));
        return answer;
    }

    private Map<String, Object> hotspots(WorkspaceCaller caller, ObjectNode arguments) {
        // The engine takes fractional hours; the route counts whole ones, at least one.
        MultiValueMap<String, String> query = ToolRequests.query("hours", (int) Math.max(1, Math.ceil(arguments.path("hours").asDouble(72))));
        query.add("limit", Integer.toString(arguments.path("limit").asInt(8)));
        return routes.hotspots(caller, query);
    }

    private Map<String, Object> reranker(WorkspaceCaller caller, ObjectNode arguments) {
        Map<String, Object> state = runtime.state(caller.workspace().id());
        Map<String, Object> answer = new LinkedHashMap<>();
        Object reranker = state.get("reranker");
        answer.put("reachable", reranker != null);
        answer.put("reranker", reranker);
        answer.put("active", reranker != null && !"none".equals(reranker));
        // The engine could train a small reranker on access logs; this one is a fixed cross-encoder or none.
        answer.put("trainable", false);
        answer.put("query_embedding_model", state.get("query_embedding_model"));
        return answer;
    }

}
