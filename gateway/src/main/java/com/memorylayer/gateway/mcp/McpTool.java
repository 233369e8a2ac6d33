package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.node.ObjectNode;

/**
 * One tool of the MCP endpoint: a thin mapping onto what a REST route does, under the engine's name and parameters.
 *
 * @param inputSchema JSON Schema of the arguments ({@code additionalProperties: false})
 * @param scope       what the caller's key must allow; a read key calling a write tool gets a tool error saying so
 * @param call        runs the tool for the admitted caller; a refusal is an {@link com.memorylayer.web.error.ApiException}
 *                    (thrown, or the answer's failure)
 * @param outputSchema JSON Schema of the result where it has a fixed shape, else null; clients check results against it
 */
public record McpTool(String name, String description, Map<String, Object> inputSchema, Scope scope, boolean readOnly,
        boolean destructive, boolean idempotent, AsyncHandler call, Map<String, Object> outputSchema) {

    /** A tool that answers on the calling thread: a database read or a command sent, quick. */
    public McpTool(String name, String description, Map<String, Object> inputSchema, Scope scope, boolean readOnly,
            boolean destructive, boolean idempotent, Handler call) {
        this(name, description, inputSchema, scope, readOnly, destructive, idempotent,
                (caller, arguments) -> CompletableFuture.completedFuture(call.apply(caller, arguments)), null);
    }

    /**
     * A tool whose answer comes later (a read the query service answers): the request thread is handed back while it
     * waits.
     */
    public static McpTool answeringLater(String name, String description, Map<String, Object> inputSchema, Scope scope,
            boolean readOnly, boolean destructive, boolean idempotent, AsyncHandler call) {
        return new McpTool(name, description, inputSchema, scope, readOnly, destructive, idempotent, call, null);
    }

    /** A read-only, idempotent tool that needs the read scope: most of the catalogue. */
    public static McpTool read(String name, String description, Map<String, Object> inputSchema, Handler call) {
        return new McpTool(name, description, inputSchema, Scope.READ, true, false, true, call);
    }

    /** This tool, its result declared to have this shape. */
    public McpTool withOutput(Map<String, Object> schema) {
        return new McpTool(name, description, inputSchema, scope, readOnly, destructive, idempotent, call, schema);
    }

    /** What the tool does with its (already schema-checked) arguments; the answer becomes its structured content. */
    @FunctionalInterface
    public interface Handler {
        Map<String, Object> apply(WorkspaceCaller caller, ObjectNode arguments);
    }

    /**
     * {@link Handler}'s asynchronous form. It is called on the request thread, so what it does before it returns may
     * read the request ({@link ToolRequests#current()}); what runs once the answer comes must not.
     */
    @FunctionalInterface
    public interface AsyncHandler {
        CompletableFuture<Map<String, Object>> apply(WorkspaceCaller caller, ObjectNode arguments);
    }
}
