package com.memorylayer.audit.topology;

import static com.memorylayer.schemas.jooq.control.Tables.ANONYMOUS_REFUSALS;
import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** The three tables the sink writes, read back as plain values to compare with the rows a test expects. */
final class SinkTables {

    /** One row of {@code control.audit_events}. */
    record AuditRow(UUID eventId, UUID workspaceId, UUID keyId, Instant occurredAt, String route, String method,
            int status, int latencyMs, String requestId, String clientAddress, UUID userId) {
    }

    /** One row of a usage table; {@code keyId} is null for {@code usage_workspace_windows}. */
    record UsageRow(UUID workspaceId, UUID keyId, String granularity, Instant windowStart, Totals totals) {
    }

    /** A usage row's totals, in the tables' column order. */
    record Totals(long requests, long clientErrors, long serverErrors, long bytesIn, long bytesOut,
            long memoriesWritten, long recalls, long memoriesEmbedded, long embeddingTokens) {
    }

    private final DSLContext dsl;

    SinkTables(DSLContext dsl) {
        this.dsl = dsl;
    }

    void empty() {
        dsl.truncate(AUDIT_EVENTS).execute();
        dsl.truncate(ANONYMOUS_REFUSALS).execute();
        dsl.truncate(USAGE_WORKSPACE_WINDOWS).execute();
        dsl.truncate(USAGE_KEY_WINDOWS).execute();
    }

    List<AuditRow> auditEvents() {
        return dsl.selectFrom(AUDIT_EVENTS).fetch(r -> new AuditRow(r.getEventId(), r.getWorkspaceId(), r.getKeyId(),
                r.getOccurredAt().toInstant(), r.getRoute(), r.getMethod(), r.getStatus(), r.getLatencyMs(),
                r.getRequestId(), r.getClientAddress(), r.getUserId()));
    }

    List<UsageRow> workspaceWindows() {
        var t = USAGE_WORKSPACE_WINDOWS;
        return dsl.selectFrom(t).fetch(r -> new UsageRow(r.get(t.WORKSPACE_ID), null, r.get(t.GRANULARITY),
                r.get(t.WINDOW_START).toInstant(), new Totals(r.get(t.REQUESTS), r.get(t.CLIENT_ERRORS),
                r.get(t.SERVER_ERRORS), r.get(t.BYTES_IN), r.get(t.BYTES_OUT), r.get(t.MEMORIES_WRITTEN),
                r.get(t.RECALLS), r.get(t.MEMORIES_EMBEDDED), r.get(t.EMBEDDING_TOKENS))));
    }

    List<UsageRow> keyWindows() {
        var t = USAGE_KEY_WINDOWS;
        return dsl.selectFrom(t).fetch(r -> new UsageRow(r.get(t.WORKSPACE_ID), r.get(t.KEY_ID), r.get(t.GRANULARITY),
                r.get(t.WINDOW_START).toInstant(), new Totals(r.get(t.REQUESTS), r.get(t.CLIENT_ERRORS),
                r.get(t.SERVER_ERRORS), r.get(t.BYTES_IN), r.get(t.BYTES_OUT), r.get(t.MEMORIES_WRITTEN),
                r.get(t.RECALLS), r.get(t.MEMORIES_EMBEDDED), r.get(t.EMBEDDING_TOKENS))));
    }
}
