package com.memorylayer.gateway.seedapi;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.connect.GatewayAddress;
import com.memorylayer.gateway.mcp.ToolBridgeController;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The seed's HTTP-JSON bridge, {@code {tool, args}} → {@code {workspace, tool, result}}, answered by our
 * {@code /tools} bridge's own method (the same catalogue, scopes, argument schemas and metering). The seed answered an
 * unknown tool and bad arguments 400 {@code {detail}}; so does the alias, where ours says 404 for an unknown tool.
 */
@RestController
@RequestMapping("/api/workspaces/{slug}")
class SeedBridgeAliases {

    /** Our refusals the seed gave as its one "bad call" answer. */
    private static final Set<ErrorCode> BAD_CALL = Set.of(ErrorCode.NOT_FOUND, ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_JSON);

    private final ToolBridgeController bridge;
    private final GatewayAddress address;

    SeedBridgeAliases(ToolBridgeController bridge, GatewayAddress address) {
        this.bridge = bridge;
        this.address = address;
    }

    @PostMapping(path = "/mcp", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/tools")
    ResponseEntity<Object> seedBridgeCall(@PathVariable String slug, @RequestBody JsonNode body, WorkspaceCaller caller,
            HttpServletRequest request) {
        SeedBridgeCall call;
        ResponseEntity<Map<String, Object>> answer;
        try {
            call = SeedBridgeCall.from(body);
            answer = bridge.call(slug, call.tool(), call.args(), caller, request);
        } catch (ApiException e) {
            if (BAD_CALL.contains(e.code())) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, e.getMessage(), e.details());
            }
            throw e;
        }
        if (!answer.getStatusCode().is2xxSuccessful()) {
            Map<String, Object> refusal = new LinkedHashMap<>(answer.getBody());
            refusal.put("detail", refusal.get("message"));
            return ResponseEntity.status(answer.getStatusCode()).body(refusal);
        }
        return ResponseEntity.status(HttpStatus.OK).body(new SeedAnswers.BridgeResult(slug, call.tool(), answer.getBody()));
    }

    @GetMapping("/mcp/tools")
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/tools")
    SeedAnswers.BridgeTools seedBridgeTools(@PathVariable String slug, WorkspaceCaller caller) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) bridge.list(slug, caller).get("tools");
        List<SeedAnswers.BridgeTool> listed = tools.stream().map(tool -> new SeedAnswers.BridgeTool(
                (String) tool.get("name"), (String) tool.get("description"), (String) tool.get("group"),
                SeedToolHints.of(tool.get("input_schema")), tool.get("input_schema"))).toList();
        return new SeedAnswers.BridgeTools(slug, "http-json", address.base() + "/api/workspaces/" + slug + "/mcp", listed);
    }
}
