package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.AuditFilter;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every feature's tools, by name and group, and the one way any of them is called — over MCP or the {@code /tools}
 * bridge: the caller's scope first, then the arguments against the tool's schema, then the tool.
 */
@Component
public class ToolCatalogue {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ToolCatalogue.class);
    /** The validator names a wrong argument by its JSON pointer ({@code /top_k: ...}); the first is the one reported. */
    private static final Pattern FIRST_FIELD = Pattern.compile("\\[/([A-Za-z0-9_]+)");

    private final Map<String, McpTool> tools = new LinkedHashMap<>();
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator(JSON);

    ToolCatalogue(List<McpToolSet> sets) {
        // Listed by group, in the same order whatever order the beans came in.
        for (McpToolSet set : sets.stream().sorted(java.util.Comparator.comparing(McpToolSet::group)).toList()) {
            for (McpTool tool : set.tools()) {
                if (tools.put(tool.name(), tool) != null) {
                    throw new IllegalStateException("two tools named " + tool.name());
                }
                groups.put(tool.name(), set.group());
            }
        }
    }

    public List<McpTool> all() {
        return List.copyOf(tools.values());
    }

    public Optional<McpTool> named(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public String groupOf(McpTool tool) {
        return groups.get(tool.name());
    }

    /**
     * Runs a tool for the admitted caller in the HTTP request it came in (MCP or the bridge) and waits for its answer:
     * {@link #answer}, on the calling thread.
     */
    public Map<String, Object> invoke(McpTool tool, WorkspaceCaller caller, ObjectNode arguments, HttpServletRequest request) {
        try {
            return answer(tool, caller, arguments, request).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Runs a tool for the admitted caller in the HTTP request it came in (MCP or the bridge): the request's audit row
     * names the tool, and a call that answers counts in its usage as the route it maps onto would. The checks and the
     * tool's start run on the calling thread (the request's); the output check and the count run when the answer comes,
     * on whichever thread brings it, so they use only what was taken from the request before. @throws ApiException when
     * the key lacks the tool's scope or an argument is wrong (the message names the field and the rule, not the value);
     * a refusal of the tool itself may come as the answer's failure instead
     */
    public CompletableFuture<Map<String, Object>> answer(McpTool tool, WorkspaceCaller caller, ObjectNode arguments,
            HttpServletRequest request) {
        request.setAttribute(AuditFilter.TOOL, tool.name());
        if (!caller.allows(tool.scope())) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "the tool " + tool.name() + " needs the `"
                    + tool.scope().name().toLowerCase(Locale.ROOT) + "` scope, which this key does not have");
        }
        JsonSchemaValidator.ValidationResponse valid = validator.validate(tool.inputSchema(), JSON.convertValue(arguments, Map.class));
        if (!valid.valid()) {
            String message = "the arguments do not fit " + tool.name() + "'s input schema: " + valid.errorMessage();
            Matcher field = FIRST_FIELD.matcher(valid.errorMessage());
            throw field.find() ? ApiException.invalidField(field.group(1), message) : new ApiException(ErrorCode.INVALID_REQUEST, message);
        }
        MeteredUnits units = MeteredUnits.of(request);
        return tool.call().apply(caller, arguments).thenApply(result -> {
            if (tool.outputSchema() != null) {
                // Checked here, once, for MCP and the bridge alike, so that a mismatch has a code (the MCP server is
                // told not to check again: McpServerConfiguration.CheckedByCatalogue).
                JsonSchemaValidator.ValidationResponse fits = validator.validate(tool.outputSchema(),
                        JSON.convertValue(result, Map.class));
                if (!fits.valid()) {
                    log.error("tool {} answered outside its output schema: {}", tool.name(), fits.errorMessage());
                    throw new ApiException(ErrorCode.INTERNAL_ERROR, "the tool " + tool.name() + " answered outside its output"
                            + " schema; the gateway logged why");
                }
            }
            ToolMeter.count(tool.name(), arguments, units);
            return result;
        });
    }
}
