package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One tool of the MCP endpoint: a thin mapping onto what a REST route does, under the engine's name and parameters.
 *
 * @param inputSchema JSON Schema of the arguments ({@code additionalProperties: false})
 * @param scope       what the caller's key must allow; a read key calling a write tool gets a tool error saying so
 * @param call        runs the tool for the admitted caller; a refusal is an {@link com.memorylayer.web.error.ApiException}
 * @param outputSchema JSON Schema of the result where it has a fixed shape, else null; clients check results against it
 */
public record McpTool(String name, String description, Map<String, Object> inputSchema, Scope scope, boolean readOnly,
        boolean destructive, boolean idempotent, Handler call, Map<String, Object> outputSchema) {

    public McpTool(String name, String description, Map<String, Object> inputSchema, Scope scope, boolean readOnly,
            boolean destructive, boolean idempotent, Handler call) {
        this(name, description, inputSchema, scope, readOnly, destructive, idempotent, call, null);
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
}
