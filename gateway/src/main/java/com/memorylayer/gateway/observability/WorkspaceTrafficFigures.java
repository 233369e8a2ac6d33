package com.memorylayer.gateway.observability;

import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.percentileCont;
import static org.jooq.impl.DSL.sum;

import com.memorylayer.gateway.observability.WorkspaceObservability.Latency;
import com.memorylayer.gateway.observability.WorkspaceObservability.RouteFigures;
import com.memorylayer.gateway.observability.WorkspaceObservability.Traffic;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/** A workspace's calls over a window, from the control tables the audit-sink writes. */
@Component
class WorkspaceTrafficFigures {

    private final DSLContext dsl;

    WorkspaceTrafficFigures(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Summed over the minute windows that start in the window (the one it starts in included). */
    Traffic traffic(UUID workspaceId, Instant since) {
        var u = USAGE_WORKSPACE_WINDOWS;
        var row = dsl.select(sum(u.REQUESTS), sum(u.CLIENT_ERRORS), sum(u.SERVER_ERRORS), sum(u.MEMORIES_WRITTEN), sum(u.RECALLS))
                .from(u)
                .where(u.WORKSPACE_ID.eq(workspaceId), u.GRANULARITY.eq("minute"),
                        u.WINDOW_START.ge(since.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC)))
                .fetchOne();
        long requests = whole(row.value1());
        long clientErrors = whole(row.value2());
        long serverErrors = whole(row.value3());
        double failureRate = requests == 0 ? 0 : (double) (clientErrors + serverErrors) / requests;
        return new Traffic(requests, clientErrors, serverErrors, failureRate, whole(row.value4()), whole(row.value5()));
    }

    Latency latency(UUID workspaceId, Instant since) {
        var row = dsl.select(count(), p(0.5), p(0.95)).from(AUDIT_EVENTS).where(inWindow(workspaceId, since)).fetchOne();
        return new Latency(row.value1(), decimal(row.value2()), decimal(row.value3()));
    }

    List<RouteFigures> slowestRoutes(UUID workspaceId, Instant since, int limit) {
        return routes(workspaceId, since, limit, true);
    }

    List<RouteFigures> mostCalledRoutes(UUID workspaceId, Instant since, int limit) {
        return routes(workspaceId, since, limit, false);
    }

    private List<RouteFigures> routes(UUID workspaceId, Instant since, int limit, boolean slowest) {
        Field<Integer> calls = count();
        Field<BigDecimal> p50 = p(0.5);
        Field<BigDecimal> p95 = p(0.95);
        return dsl.select(AUDIT_EVENTS.ROUTE, calls, p50, p95)
                .from(AUDIT_EVENTS)
                .where(inWindow(workspaceId, since))
                .groupBy(AUDIT_EVENTS.ROUTE)
                .orderBy(slowest ? p95.desc() : calls.desc(), AUDIT_EVENTS.ROUTE)
                .limit(limit)
                .fetch(r -> new RouteFigures(r.value1(), r.value2(), decimal(r.value3()), decimal(r.value4())));
    }

    private static Condition inWindow(UUID workspaceId, Instant since) {
        return AUDIT_EVENTS.WORKSPACE_ID.eq(workspaceId).and(AUDIT_EVENTS.OCCURRED_AT.ge(since.atOffset(ZoneOffset.UTC)));
    }

    private static Field<BigDecimal> p(double fraction) {
        return percentileCont(fraction).withinGroupOrderBy(AUDIT_EVENTS.LATENCY_MS);
    }

    private static long whole(BigDecimal value) {
        return value == null ? 0 : value.longValue();
    }

    private static Double decimal(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
