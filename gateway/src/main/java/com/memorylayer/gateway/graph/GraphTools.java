package com.memorylayer.gateway.graph;

import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.node.ObjectNode;

/** The entity graph as MCP tools: the REST routes' own methods. */
@Component
class GraphTools implements McpToolSet {

    private final EntityController routes;

    GraphTools(EntityController routes) {
        this.routes = routes;
    }

    @Override
    public String group() {
        return "graph";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("query", string("Part of a name or alias, any case"));
        search.put("type", string("person, organisation, place, project, tool, date, url, path, email, version or other"));
        search.put("limit", integer("How many entities, most mentioned first", 1, 500, 20));
        return List.of(new McpTool("search_entities", "Entities of the workspace's graph whose name or alias contains the query,"
                + " most mentioned first.", object(search, "query"), Scope.READ, true, false, true, this::search));
    }

    private Map<String, Object> search(WorkspaceCaller caller, ObjectNode arguments) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("q", arguments.path("query").asString(""));
        query.add("limit", Integer.toString(arguments.path("limit").asInt(20)));
        if (arguments.hasNonNull("type")) {
            query.add("type", arguments.get("type").asString());
        }
        return routes.search(caller, query);
    }
}
