package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

/**
 * {@code POST /v1/workspaces/{slug}/mcp}: MCP Streamable HTTP (protocol 2025-11-25), stateless — no
 * {@code Mcp-Session-Id}, JSON answers; {@code GET} and {@code DELETE} answer 405. The workspace key is checked like
 * on every route (admission runs first, and a key of another workspace is a 404); each tool checks its own scope.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class McpEndpoint {

    private static final java.util.List<String> PROFILES = java.util.List.of("all", "core", "read");
    private static final String ACCEPTED = MediaType.APPLICATION_JSON_VALUE + ", " + MediaType.TEXT_EVENT_STREAM_VALUE;

    private final HttpServletStatelessServerTransport transport;

    McpEndpoint(HttpServletStatelessServerTransport transport) {
        this.transport = transport;
    }

    /**
     * JSON-RPC messages: {@code initialize}, {@code tools/list}, {@code tools/call}. {@code ?tools=} chooses what
     * {@code tools/list} shows: {@code all} (default), {@code core} (the few a tight context needs) or {@code read}
     * (read-only tools). Needs the `read` scope.
     */
    @PostMapping("/mcp")
    @RequiresScope(Scope.READ)
    void message(@PathVariable String slug, @RequestParam(name = "tools", required = false) String profile, WorkspaceCaller caller,
            HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (profile != null && !PROFILES.contains(profile)) {
            throw ApiException.invalidField("tools", "'tools' is one of " + PROFILES);
        }
        request.setAttribute(McpServerConfiguration.PROFILE, profile == null ? "all" : profile);
        String contentType = request.getContentType();
        if (contentType == null || !MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            throw ApiException.invalidField("Content-Type", "an MCP message is JSON: send Content-Type: application/json");
        }
        request.setAttribute(McpServerConfiguration.CALLER, caller);
        // The SDK insists on both types in Accept; this endpoint only ever answers JSON, which any MCP client takes.
        transport.service(new AcceptingJson(request), response);
    }

    /** There is no event stream to open and no session to end. Needs the `read` scope. */
    @RequestMapping(path = "/mcp", method = {RequestMethod.GET, RequestMethod.DELETE})
    @RequiresScope(Scope.READ)
    void noStream(@PathVariable String slug, WorkspaceCaller caller, HttpServletResponse response) {
        response.setHeader(HttpHeaders.ALLOW, "POST");
        throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                "this MCP endpoint is stateless: POST JSON-RPC messages to it; it has no event stream and no session");
    }

    private static final class AcceptingJson extends HttpServletRequestWrapper {

        AcceptingJson(HttpServletRequest request) {
            super(request);
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
