package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.web.error.ApiException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP server: stateless Streamable HTTP (no session, JSON answers) over {@link AsyncStatelessTransport}, and
 * every feature's tools. A tool starts on the request thread, after the gateway admitted the caller (the caller and
 * the connection's profile reach it through the transport context); one that waits on the query service hands the
 * thread back and is answered when the read is.
 */
@Configuration
class McpServerConfiguration {

    static final String CALLER = "memorylayer.mcp.caller";
    static final String PROFILE = "memorylayer.mcp.profile";
    private static final Logger log = LoggerFactory.getLogger(McpServerConfiguration.class);
    /** The protocol's own JSON (camelCase, its records' names): not the API's snake_case mapper. */
    private static final JsonMapper PROTOCOL_JSON = JsonMapper.builder().build();

    @Bean
    AsyncStatelessTransport mcpTransport() {
        return new AsyncStatelessTransport(protocolMapper());
    }

    @Bean(destroyMethod = "close")
    McpStatelessAsyncServer mcpServer(AsyncStatelessTransport transport, ToolCatalogue catalogue,
            tools.jackson.databind.ObjectMapper mapper) {
        List<McpStatelessServerFeatures.AsyncToolSpecification> tools = catalogue.all().stream()
                .map(tool -> new McpStatelessServerFeatures.AsyncToolSpecification(describe(tool),
                        (context, request) -> Mono.fromFuture(() -> call(catalogue, tool, context, request, mapper))))
                .toList();
        return McpServer.async(transport)
                .serverInfo("memorylayer", "0.1.0")
                .instructions("Memorylayer: a workspace's long-term memory. Start a session with resume_context, recall before"
                        + " you work, remember what you decide and learn, and write a checkpoint before you stop.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(protocolMapper())
                // ToolCatalogue checks the arguments itself, so a refusal carries the API's code (invalid_request) over
                // MCP and the /tools bridge alike; the SDK's own check would answer with its message and no code.
                .validateToolInputs(false)
                .jsonSchemaValidator(new CheckedByCatalogue())
                .addToolFilter((context, tool) -> Mono.just(profile(context).allows(tool.name(),
                        tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint()))))
                .tools(tools)
                .build();
    }

    /** The transport context of one message: the admitted caller and the connection's profile. */
    static McpTransportContext context(WorkspaceCaller caller, ToolProfile profile) {
        return McpTransportContext.create(Map.of(CALLER, caller, PROFILE, profile));
    }

    private static McpJsonMapper protocolMapper() {
        return new JacksonMcpJsonMapper(PROTOCOL_JSON);
    }

    private static McpSchema.Tool describe(McpTool tool) {
        McpSchema.Tool.Builder described = McpSchema.Tool.builder(tool.name(), tool.inputSchema());
        if (tool.outputSchema() != null) {
            described.outputSchema(tool.outputSchema());
        }
        return described
                .description(tool.description() + " Needs the `" + tool.scope().name().toLowerCase(Locale.ROOT) + "` scope.")
                .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(tool.readOnly()).destructiveHint(tool.destructive())
                        .idempotentHint(tool.idempotent()).openWorldHint(false).build())
                .build();
    }

    /**
     * Runs a tool for the admitted caller, on the request thread until it waits; every refusal is a tool error with a
     * code, never a thrown stack.
     */
    private static CompletableFuture<McpSchema.CallToolResult> call(ToolCatalogue catalogue, McpTool tool,
            McpTransportContext context, McpSchema.CallToolRequest request, tools.jackson.databind.ObjectMapper mapper) {
        if (!(context.get(CALLER) instanceof WorkspaceCaller caller)) {
            return CompletableFuture.completedFuture(refused("missing_api_key", "call this endpoint with a workspace key"));
        }
        ToolProfile profile = profile(context);
        if (!profile.allows(tool.name(), tool.readOnly())) {
            // tools/list hid it; a client that names it anyway is refused the same, or the profile bounds nothing.
            return CompletableFuture.completedFuture(refused("tool_not_in_profile", "'" + tool.name() + "' is not among the tools"
                    + " of this connection's profile (?tools=" + profile.wire() + "); connect without ?tools= (or with ?tools=all)"
                    + " to call it"));
        }
        ObjectNode arguments = mapper.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
        try {
            return catalogue.answer(tool, caller, arguments, ToolRequests.current())
                    .thenApply(McpServerConfiguration::answered)
                    .exceptionally(failure -> refused(tool, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refused(tool, e));
        }
    }

    private static McpSchema.CallToolResult answered(Map<String, Object> result) {
        return McpSchema.CallToolResult.builder().structuredContent(result).addTextContent(PROTOCOL_JSON.writeValueAsString(result))
                .isError(false).build();
    }

    private static McpSchema.CallToolResult refused(McpTool tool, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException e) {
            Object field = e.details() == null ? null : e.details().get("field");
            return field == null ? refused(e.code().wire(), e.getMessage()) : refused(e.code().wire(), e.getMessage(), field.toString());
        }
        if (cause instanceof ToolRefusal e) {
            return refused(e.code(), e.getMessage());
        }
        log.warn("MCP tool {} failed", tool.name(), cause);
        return refused("internal_error", "the tool failed; the gateway logged why");
    }

    private static ToolProfile profile(McpTransportContext context) {
        return context.get(PROFILE) instanceof ToolProfile profile ? profile : ToolProfile.ALL;
    }

    /**
     * What the server checks results with: nothing more, since {@link ToolCatalogue#invoke} has checked each one
     * against its output schema already (with a code when it does not fit). The server reads the JSON it would answer
     * only for a result without content, and every result here carries its text.
     */
    private static final class CheckedByCatalogue implements JsonSchemaValidator {
        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            return ValidationResponse.asValid(null);
        }
    }

    private static McpSchema.CallToolResult refused(String code, String message) {
        Map<String, Object> error = Map.of("code", code, "message", message);
        return McpSchema.CallToolResult.builder().structuredContent(error).addTextContent(code + ": " + message).isError(true).build();
    }

    /** A refusal of one argument: the text names it too, since a model reads the text. */
    private static McpSchema.CallToolResult refused(String code, String message, String field) {
        Map<String, Object> error = Map.of("code", code, "message", message, "field", field);
        return McpSchema.CallToolResult.builder().structuredContent(error).addTextContent(code + " (" + field + "): " + message)
                .isError(true).build();
    }
}
