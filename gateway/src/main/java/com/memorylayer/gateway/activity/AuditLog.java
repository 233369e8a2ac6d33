package com.memorylayer.gateway.activity;

import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;
import static com.memorylayer.schemas.jooq.control.Tables.USERS;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The workspace's audit log, newest first, as the audit-sink materialised it (so a call shows up a moment after
 * it was answered). Read by the API route and by the dashboard's audit page, with the same parameters.
 */
@Component
public class AuditLog {

    /**
     * One audited call; {@code userId} and {@code user} name the signed-in person for a dashboard call, {@code tool}
     * the MCP tool a call to {@code /mcp} or {@code /tools} ran.
     */
    public record AuditEntry(UUID eventId, Instant occurredAt, UUID keyId, UUID userId, String user, String route,
            String method, int status, int latencyMs, String requestId, String clientAddress, String tool) {
    }

    /** @param nextCursor pass as {@code cursor} for the next page; null on the last page */
    public record AuditPage(List<AuditEntry> events, String nextCursor) {
    }

    private final DSLContext dsl;

    AuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One page of the workspace's log, newest first. */
    public AuditPage page(UUID workspace, AuditQuery query) {
        Condition where = AUDIT_EVENTS.WORKSPACE_ID.eq(workspace);
        if (query.range().from() != null) {
            where = where.and(AUDIT_EVENTS.OCCURRED_AT.ge(query.range().from().atOffset(ZoneOffset.UTC)));
        }
        if (query.range().to() != null) {
            where = where.and(AUDIT_EVENTS.OCCURRED_AT.lt(query.range().to().atOffset(ZoneOffset.UTC)));
        }
        if (query.keyId() != null) {
            where = where.and(AUDIT_EVENTS.KEY_ID.eq(query.keyId()));
        }
        where = where.and(statusCondition(query.status()));
        if (query.cursor() != null) {
            where = where.and(DSL.row(AUDIT_EVENTS.OCCURRED_AT, AUDIT_EVENTS.EVENT_ID)
                    .lt(query.cursor().time().atOffset(ZoneOffset.UTC), query.cursor().id()));
        }
        int limit = query.limit();
        List<AuditEntry> rows = dsl.select(AUDIT_EVENTS.asterisk(), USERS.LOGIN)
                .from(AUDIT_EVENTS)
                .leftJoin(USERS).on(USERS.ID.eq(AUDIT_EVENTS.USER_ID))
                .where(where)
                .orderBy(AUDIT_EVENTS.OCCURRED_AT.desc(), AUDIT_EVENTS.EVENT_ID.desc())
                .limit(limit + 1)
                .fetch(r -> new AuditEntry(r.get(AUDIT_EVENTS.EVENT_ID), r.get(AUDIT_EVENTS.OCCURRED_AT).toInstant(),
                        r.get(AUDIT_EVENTS.KEY_ID), r.get(AUDIT_EVENTS.USER_ID), r.get(USERS.LOGIN), r.get(AUDIT_EVENTS.ROUTE),
                        r.get(AUDIT_EVENTS.METHOD), r.get(AUDIT_EVENTS.STATUS), r.get(AUDIT_EVENTS.LATENCY_MS),
                        r.get(AUDIT_EVENTS.REQUEST_ID), r.get(AUDIT_EVENTS.CLIENT_ADDRESS), r.get(AUDIT_EVENTS.TOOL)));
        if (rows.size() <= limit) {
            return new AuditPage(rows, null);
        }
        AuditEntry last = rows.get(limit - 1);
        return new AuditPage(rows.subList(0, limit), new PageCursor(last.occurredAt(), last.eventId()).encode());
    }

    /** {@code 404} matches that status; {@code 4xx} its whole class (the query has checked the shape). */
    private static Condition statusCondition(String status) {
        if (status == null) {
            return DSL.noCondition();
        }
        if (status.endsWith("xx")) {
            int low = (status.charAt(0) - '0') * 100;
            return AUDIT_EVENTS.STATUS.between(low, low + 99);
        }
        return AUDIT_EVENTS.STATUS.eq(Integer.parseInt(status));
    }
}
