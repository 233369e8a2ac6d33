package com.memorylayer.schemas.events;

import java.util.Objects;
import java.util.UUID;

/**
 * One API call as the gateway answered it.
 *
 * @param route      the route template, e.g. {@code POST /v1/workspaces/{slug}/memories}, never the raw path
 * @param latencyMs  from the request's arrival at the gateway until its response was written
 * @param userId     the signed-in person who made the call from the dashboard, or null for a key (added in v1,
 *                   optional, so older events without it still read)
 * @param tool       the MCP tool the call ran ({@code tools/call} over {@code /mcp}, or the {@code /tools} bridge), else
 *                   null (added in v1, optional, like {@code userId})
 */
public record RequestAudited(
        String route,
        String method,
        int status,
        long latencyMs,
        String requestId,
        String clientAddress,
        UUID userId,
        String tool) implements AuditEvent {

    public static final String TYPE = "memorylayer.audit.request";
    public static final int VERSION = 1;

    public RequestAudited {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(method, "method");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, was " + status);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
