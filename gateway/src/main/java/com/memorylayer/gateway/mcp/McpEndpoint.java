package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.tenant.WorkspaceSlots;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class McpEndpoint {

    private static final String ACCEPTED = MediaType.APPLICATION_JSON_VALUE + ", " + MediaType.TEXT_EVENT_STREAM_VALUE;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final long RETRY_AFTER_SECONDS = 1;

    private final HttpServletStatelessServerTransport transport;
    private final WorkspaceSlots calls;
    private final McpProperties limits;

    McpEndpoint(HttpServletStatelessServerTransport transport, McpProperties limits) {
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
    void message(@PathVariable String slug, @RequestParam(name = "tools", required = false) String profile, WorkspaceCaller caller,
            HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ToolProfile chosen = profile == null ? ToolProfile.ALL : ToolProfile.fromWire(profile)
                .orElseThrow(() -> ApiException.invalidField("tools", "'tools' is one of " + ToolProfile.WIRE));
        request.setAttribute(McpServerConfiguration.PROFILE, chosen);
        String contentType = request.getContentType();
        if (contentType == null || !MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            throw ApiException.invalidField("Content-Type", "an MCP message is JSON: send Content-Type: application/json");
        }
        // Read here (the body limit already bounds it) so that a body that is not JSON gets the API's error; the SDK
        // would answer it with its exception, stack trace and all.
        byte[] body = request.getInputStream().readAllBytes();
        try {
            JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body is not a JSON-RPC message: it is not valid JSON");
        }
        request.setAttribute(McpServerConfiguration.CALLER, caller);
        // The SDK's transport blocks this thread until the tool answers (its doPost ends in Mono.block()), and a
        // tool that asks the query service waits for it here: bounded, so MCP cannot take every request thread.
        try (WorkspaceSlots.Slot slot = calls.take(caller.workspace().id(),
                () -> busy(limits.maxConcurrentCallsPerWorkspace() + " MCP calls of this workspace are being answered, as many as "
                        + "one workspace may have at once; retry shortly"),
                () -> busy(limits.maxConcurrentCalls() + " MCP calls are being answered, as many as the gateway answers at once; "
                        + "retry shortly"))) {
            transport.service(new AcceptingJson(request, body), response);
        }
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

    /**
     * The request as the SDK reads it: the body already read, and an Accept it takes — it insists on both types, and
     * this endpoint only ever answers JSON, which any MCP client takes.
     */
    private static final class AcceptingJson extends HttpServletRequestWrapper {

        private final byte[] body;

        AcceptingJson(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? ACCEPTED : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(ACCEPTED)) : super.getHeaders(name);
        }
    }
}
