package com.memorylayer.gateway.curation;

import com.memorylayer.gateway.access.WorkspaceCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Curating one memory for callers inside the gateway that are not HTTP clients of the routes (the dashboard's
 * forms): each is the REST route's own method, so its checks, its command to the log and its usage count are the
 * API's, and each waits for the change to apply, as the MCP tools do. The caller's scope is the caller's to check
 * first, as the route's admission does.
 */
@Component
public class CurationRoutes {

    private final CurationController routes;

    CurationRoutes(CurationController routes) {
        this.routes = routes;
    }

    /** {@code PATCH /memories/{id}} with the route's body (content, tags, tags_add, pinned, ...). */
    public Map<String, Object> edit(WorkspaceCaller caller, UUID id, ObjectNode body, HttpServletRequest request) {
        return routes.edit(id, body, true, caller, request).getBody();
    }

    /** {@code POST /memories/{id}/annotations}. */
    public Map<String, Object> annotate(WorkspaceCaller caller, UUID id, ObjectNode body, HttpServletRequest request) {
        return routes.annotate(id, body, true, caller, request).getBody();
    }

    /** {@code POST /memories/{id}/status}. */
    public Map<String, Object> status(WorkspaceCaller caller, UUID id, ObjectNode body, HttpServletRequest request) {
        return routes.status(id, body, true, caller, request).getBody();
    }

    /** {@code DELETE /memories/{id}}, or with {@code erase} {@code DELETE /memories/{id}?erase=true}. */
    public Map<String, Object> forget(WorkspaceCaller caller, UUID id, boolean erase, HttpServletRequest request) {
        return routes.forget(id, erase, true, caller, request).getBody();
    }

    /** {@code POST /memories/{id}/restore}. */
    public Map<String, Object> restore(WorkspaceCaller caller, UUID id, HttpServletRequest request) {
        return routes.restore(id, true, caller, request).getBody();
    }
}
