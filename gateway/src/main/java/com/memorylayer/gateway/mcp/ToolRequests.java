package com.memorylayer.gateway.mcp;

import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.node.ObjectNode;

/** What tools that map onto a route's own method need from the call they run in. */
public final class ToolRequests {

    private ToolRequests() {
    }

    /**
     * The HTTP request the tool runs in (a tool starts on the request thread: read it there, not once an answer it
     * waits for comes), so a route's method can meter its usage on it as it does for REST.
     */
    public static HttpServletRequest current() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

    /**
     * Runs a tool on a route's method, a refusal naming the tool's own argument: the route names its body's field
     * ({@code tags_add}) where the caller sent the tool's ({@code add}).
     *
     * @param routeToTool the route's field names that the tool calls otherwise, to the tool's
     */
    public static Map<String, Object> asTool(Map<String, String> routeToTool, Supplier<Map<String, Object>> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            Object field = e.details() == null ? null : e.details().get("field");
            String renamed = field == null ? null : routeToTool.get(field.toString());
            if (renamed == null) {
                throw e;
            }
            throw ApiException.forField(e.code(), renamed, e.getMessage().replace("'" + field + "'", "'" + renamed + "'"));
        }
    }

    /** The {@code memory_id} argument. */
    public static UUID memoryId(ObjectNode arguments) {
        return id(arguments, "memory_id");
    }

    /** An id argument the tool's schema requires (a memory's, a run's, ...). */
    public static UUID id(ObjectNode arguments, String field) {
        try {
            return UUID.fromString(arguments.path(field).asString(""));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "'" + field + "' must be an id (a UUID)");
        }
    }

    /** One query parameter, as a route that reads its query string takes it. */
    public static MultiValueMap<String, String> query(String name, Object value) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add(name, String.valueOf(value));
        return query;
    }
}
