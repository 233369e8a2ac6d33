package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's bridge, for scripts that already speak it: {@code GET /tools} lists the MCP tools with their groups and
 * schemas, {@code POST /tools/{name}} runs one with the body as its arguments. The same tools, scopes, schema checks
 * and usage as over MCP; refusals are the API's usual errors.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
public class ToolBridgeController {

    private final ToolCatalogue catalogue;

    ToolBridgeController(ToolCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Every tool: name, group, description, scope, hints and input schema. Needs the `read` scope. */
    @GetMapping("/tools")
    @RequiresScope(Scope.READ)
    public Map<String, Object> list(@PathVariable String slug, WorkspaceCaller caller) {
        List<Map<String, Object>> tools = catalogue.all().stream().map(tool -> {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("name", tool.name());
            described.put("group", catalogue.groupOf(tool));
            described.put("description", tool.description());
            described.put("scope", tool.scope().name().toLowerCase(Locale.ROOT));
            described.put("read_only", tool.readOnly());
            described.put("destructive", tool.destructive());
            described.put("idempotent", tool.idempotent());
            described.put("input_schema", tool.inputSchema());
            if (tool.outputSchema() != null) {
                described.put("output_schema", tool.outputSchema());
            }
            return described;
        }).toList();
        return Map.of("tools", tools, "groups", tools.stream().map(t -> t.get("group")).distinct().toList());
    }

    /** The body is the tool's arguments (an object; none is {@code {}}); the answer is its result. Needs the `read` scope (a tool may need more). */
    @PostMapping("/tools/{name}")
    @RequiresScope(Scope.READ)
    public ResponseEntity<Map<String, Object>> call(@PathVariable String slug, @PathVariable String name,
            @RequestBody(required = false) JsonNode body, WorkspaceCaller caller, HttpServletRequest request) {
        McpTool tool = catalogue.named(name).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "no tool '" + name + "'; GET /tools lists them"));
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body is the tool's arguments: a JSON object");
        }
        ObjectNode arguments = body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) body;
        try {
            return ResponseEntity.ok(catalogue.invoke(tool, caller, arguments, request));
        } catch (ToolRefusal refusal) {
            return ResponseEntity.status(refusal.status()).body(Map.of("code", refusal.code(), "message", refusal.getMessage()));
        }
    }
}
