package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ingest routes for callers inside the gateway that are not HTTP clients of them (the dashboard's upload form):
 * each is the route's own method, with its parsing, limits, run ledger and usage count. The caller's scope is the
 * caller's to check first, as the route's admission does.
 */
@Component
public class IngestRoutes {

    private final IngestController routes;

    IngestRoutes(IngestController routes) {
        this.routes = routes;
    }

    /** {@code POST /ingest/preview}: how the body would be split, nothing stored. */
    public Map<String, Object> preview(ObjectNode body) {
        return routes.preview(body);
    }

    /** {@code POST /ingest}: a new run with the body's items; the answer names its {@code run_id}. */
    public Map<String, Object> ingest(WorkspaceCaller caller, ObjectNode body, HttpServletRequest request) {
        return routes.ingest(body, caller, request).getBody();
    }

    /** {@code POST /ingest/runs/{id}/close}: no more items will come. */
    public IngestRunView close(WorkspaceCaller caller, UUID runId) {
        return routes.close(runId, caller);
    }

    /** {@code GET /ingest/runs/{id}}. */
    public IngestRunView run(WorkspaceCaller caller, UUID runId) {
        return routes.run(runId, caller);
    }
}
