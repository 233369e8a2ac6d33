package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.tenant.WorkspaceSlots;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/workspaces/{slug}/mcp}: MCP Streamable HTTP (protocol 2025-11-25), stateless — no
 * {@code Mcp-Session-Id}, JSON answers; {@code GET} and {@code DELETE} answer 405. The workspace key is checked like
 * on every route (admission runs first, and a key of another workspace is a 404); each tool checks its own scope.
 * Answered asynchronously, as REST recall is: a tool waiting on the query service holds no request thread.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class McpEndpoint {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final long RETRY_AFTER_SECONDS = 1;

    private final AsyncStatelessTransport transport;
    private final WorkspaceSlots calls;
    private final McpProperties limits;

    McpEndpoint(AsyncStatelessTransport transport, McpProperties limits) {
        this.transport = transport;
        this.limits = limits;
        this.calls = new WorkspaceSlots(limits.maxConcurrentCalls(), limits.maxConcurrentCallsPerWorkspace());
    }

    /**
     * JSON-RPC messages: {@code initialize}, {@code tools/list}, {@code tools/call}. {@code ?tools=} chooses what
     * {@code tools/list} shows and {@code tools/call} runs: {@code all} (default), {@code core} (the few a tight
     * context needs) or {@code read} (read-only tools). Needs the `read` scope.
     */
    @PostMapping("/mcp")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> message(@PathVariable String slug,
            @RequestParam(name = "tools", required = false) String profile, WorkspaceCaller caller, HttpServletRequest request)
            throws IOException {
        ToolProfile chosen = profile == null ? ToolProfile.ALL : ToolProfile.fromWire(profile)
                .orElseThrow(() -> ApiException.invalidField("tools", "'tools' is one of " + ToolProfile.WIRE));
        String contentType = request.getContentType();
        if (contentType == null || !MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            throw ApiException.invalidField("Content-Type", "an MCP message is JSON: send Content-Type: application/json");
        }
        // Checked here (the body limit already bounds it) so that a body that is not JSON gets the API's error.
        byte[] body = request.getInputStream().readAllBytes();
        try {
            JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body is not a JSON-RPC message: it is not valid JSON");
        }
        // A call waiting on the query service holds no request thread, but it holds its slot until it is answered:
        // bounded, so that one workspace cannot keep every query-service read of the gateway waiting.
        WorkspaceSlots.Slot slot = calls.take(caller.workspace().id(),
                () -> busy(limits.maxConcurrentCallsPerWorkspace() + " MCP calls of this workspace are being answered, as many as "
                        + "one workspace may have at once; retry shortly"),
                () -> busy(limits.maxConcurrentCalls() + " MCP calls are being answered, as many as the gateway answers at once; "
                        + "retry shortly"));
        CompletableFuture<ResponseEntity<byte[]>> answer;
        try {
            answer = transport.answer(McpServerConfiguration.context(caller, chosen), new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
        return answer.whenComplete((answered, failure) -> slot.close());
    }

    private static ApiException busy(String message) {
        return new ApiException(ErrorCode.TOOL_CALLS_BUSY, message).retryAfter(RETRY_AFTER_SECONDS);
    }

    /** There is no event stream to open and no session to end. Needs the `read` scope. */
    @RequestMapping(path = "/mcp", method = {RequestMethod.GET, RequestMethod.DELETE})
    @RequiresScope(Scope.READ)
    void noStream(@PathVariable String slug, WorkspaceCaller caller, HttpServletResponse response) {
        response.setHeader(HttpHeaders.ALLOW, "POST");
        throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                "this MCP endpoint is stateless: POST JSON-RPC messages to it; it has no event stream and no session");
    }
}
