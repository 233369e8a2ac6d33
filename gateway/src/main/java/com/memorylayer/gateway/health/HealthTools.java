package com.memorylayer.gateway.health;

import static com.memorylayer.gateway.mcp.ToolSchemas.object;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The workspace's own health as MCP tools: the REST routes' own methods. */
@Component
class HealthTools implements McpToolSet {

    private final WorkspaceHealthController routes;

    HealthTools(WorkspaceHealthController routes) {
        this.routes = routes;
    }

    @Override
    public String group() {
        return "health";
    }

    @Override
    public List<McpTool> tools() {
        return List.of(
                new McpTool("status", "What the workspace holds: memories by layer, type, status, source and month; entities,"
                        + " relations, bytes.", object(Map.of()), Scope.READ, true, false, true, (caller, arguments) -> routes.status(caller)),
                new McpTool("health", "Whether the workspace is whole: memories without vectors, entities without memories,"
                        + " embedding models, the query service's runtime.", object(Map.of()), Scope.READ, true, false, true,
                        (caller, arguments) -> routes.health(caller)));
    }
}
