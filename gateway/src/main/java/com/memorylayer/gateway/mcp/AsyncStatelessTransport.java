package com.memorylayer.gateway.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/**
 * The MCP server's stateless transport, answering a message as a future the endpoint returns (Spring MVC async, as
 * REST recall does): the SDK's servlet transport ({@code HttpServletStatelessServerTransport}, 2.1.0) blocks its
 * request thread on the server's answer, so a tool waiting on the query service would hold one of Tomcat's threads.
 * It answers as that transport does: a request's JSON-RPC response with 200, a notification with 202 and no body, and
 * a message it cannot take with a JSON-RPC error (the SDK wrote its exception object there, stack trace and all).
 */
final class AsyncStatelessTransport implements McpStatelessServerTransport {

    private static final Logger log = LoggerFactory.getLogger(AsyncStatelessTransport.class);
    private static final MediaType JSON_UTF_8 = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

    private final McpJsonMapper json;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    AsyncStatelessTransport(McpJsonMapper json) {
        this.json = json;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /**
     * The answer to one JSON-RPC message. The server's handler is subscribed to here, on the calling thread, so a
     * tool starts on the request thread (it may read the request); its answer completes the future wherever it comes.
     */
    CompletableFuture<ResponseEntity<byte[]>> answer(McpTransportContext context, String body) {
        if (closing) {
            return CompletableFuture.completedFuture(error(HttpStatus.SERVICE_UNAVAILABLE, null, McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "the server is shutting down"));
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(error(HttpStatus.BAD_REQUEST, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid message format"));
        }
        try {
            return switch (message) {
                case McpSchema.JSONRPCRequest request -> handler.handleRequest(context, request)
                        .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context))
                        .toFuture()
                        .handle((response, failure) -> failure == null && response != null ? answered(response)
                                : failed(request.id(), "request", failure));
                case McpSchema.JSONRPCNotification notification -> handler.handleNotification(context, notification)
                        .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context))
                        .toFuture()
                        .handle((done, failure) -> failure == null ? ResponseEntity.accepted().<byte[]>build()
                                : failed(null, "notification", failure));
                default -> CompletableFuture.completedFuture(error(HttpStatus.BAD_REQUEST, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                        "The server accepts either requests or notifications"));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(null, "message", e));
        }
    }

    private ResponseEntity<byte[]> answered(McpSchema.JSONRPCResponse response) {
        return ResponseEntity.ok().contentType(JSON_UTF_8).body(bytes(response));
    }

    private ResponseEntity<byte[]> failed(Object id, String what, Throwable failure) {
        String reason = failure == null ? "no answer" : String.valueOf(failure.getMessage());
        log.error("Failed to handle MCP {}: {}", what, reason);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, id, McpSchema.ErrorCodes.INTERNAL_ERROR, "Failed to handle " + what + ": " + reason);
    }

    private ResponseEntity<byte[]> error(HttpStatus status, Object id, int code, String message) {
        McpSchema.JSONRPCResponse response = McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(code, message));
        return ResponseEntity.status(status).contentType(JSON_UTF_8).body(bytes(response));
    }

    private byte[] bytes(McpSchema.JSONRPCResponse response) {
        try {
            return json.writeValueAsString(response).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("an MCP answer could not be written as JSON", e);
        }
    }
}
