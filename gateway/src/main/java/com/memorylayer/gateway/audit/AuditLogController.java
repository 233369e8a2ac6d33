package com.memorylayer.gateway.audit;

import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;

import com.memorylayer.gateway.auth.RequiresScope;
import com.memorylayer.gateway.auth.WorkspaceKeyInterceptor;
import com.memorylayer.gateway.keys.ApiKeyScope;
import com.memorylayer.gateway.paging.ListParameters;
import com.memorylayer.gateway.paging.PageCursor;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's audit log, newest first, as the audit-sink materialised it (so a call shows up a moment after
 * it was answered). Needs the admin scope: it shows every key's calls and client addresses.
 */
@RestController
class AuditLogController {

    private static final Set<String> PARAMETERS = Set.of("from", "to", "key_id", "status", "limit", "cursor");
    private static final Pattern STATUS = Pattern.compile("[1-5](\\d\\d|xx)");

    /** One audited call. */
    record AuditEntry(UUID eventId, Instant occurredAt, UUID keyId, String route, String method, int status,
            int latencyMs, String requestId, String clientAddress) {
    }

    /** @param nextCursor pass as {@code cursor} for the next page; null on the last page */
    record AuditPage(List<AuditEntry> events, String nextCursor) {
    }

    private final DSLContext dsl;

    AuditLogController(DSLContext dsl) {
        this.dsl = dsl;
    }

    @GetMapping("/v1/workspaces/{slug}/audit")
    @RequiresScope(ApiKeyScope.ADMIN)
    AuditPage audit(@PathVariable String slug, HttpServletRequest request) {
        UUID workspace = WorkspaceKeyInterceptor.caller(request).workspace().id();
        ListParameters parameters = ListParameters.of(request, PARAMETERS);
        ListParameters.TimeRange range = parameters.timeRange();
        int limit = parameters.limit();
        PageCursor cursor = PageCursor.decode(parameters.text("cursor"));

        Condition where = AUDIT_EVENTS.WORKSPACE_ID.eq(workspace);
        if (range.from() != null) {
            where = where.and(AUDIT_EVENTS.OCCURRED_AT.ge(range.from().atOffset(ZoneOffset.UTC)));
        }
        if (range.to() != null) {
            where = where.and(AUDIT_EVENTS.OCCURRED_AT.lt(range.to().atOffset(ZoneOffset.UTC)));
        }
        UUID keyId = parameters.uuid("key_id");
        if (keyId != null) {
            where = where.and(AUDIT_EVENTS.KEY_ID.eq(keyId));
        }
        where = where.and(statusCondition(parameters.text("status")));
        if (cursor != null) {
            if (cursor.id() == null) {
                throw ListParameters.invalid("cursor", "cursor is not one this service issued");
            }
            where = where.and(DSL.row(AUDIT_EVENTS.OCCURRED_AT, AUDIT_EVENTS.EVENT_ID)
                    .lt(cursor.time().atOffset(ZoneOffset.UTC), cursor.id()));
        }
        List<AuditEntry> rows = dsl.selectFrom(AUDIT_EVENTS)
                .where(where)
                .orderBy(AUDIT_EVENTS.OCCURRED_AT.desc(), AUDIT_EVENTS.EVENT_ID.desc())
                .limit(limit + 1)
                .fetch(r -> new AuditEntry(r.getEventId(), r.getOccurredAt().toInstant(), r.getKeyId(), r.getRoute(),
                        r.getMethod(), r.getStatus(), r.getLatencyMs(), r.getRequestId(), r.getClientAddress()));
        if (rows.size() <= limit) {
            return new AuditPage(rows, null);
        }
        AuditEntry last = rows.get(limit - 1);
        return new AuditPage(rows.subList(0, limit), new PageCursor(last.occurredAt(), last.eventId()).encode());
    }

    /** {@code 404} matches that status; {@code 4xx} its whole class. */
    private static Condition statusCondition(String status) {
        if (status == null) {
            return DSL.noCondition();
        }
        if (!STATUS.matcher(status).matches()) {
            throw ListParameters.invalid("status", "status must be an HTTP status such as 404, or a class such as 4xx");
        }
        if (status.endsWith("xx")) {
            int low = (status.charAt(0) - '0') * 100;
            return AUDIT_EVENTS.STATUS.between(low, low + 99);
        }
        return AUDIT_EVENTS.STATUS.eq(Integer.parseInt(status));
    }
}
