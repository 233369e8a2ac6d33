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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
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

    /**
     * The window as points of {@code step} each, from {@code since} (to the minute) until now, every step present
     * (zero when quiet): calls and failures from the minute usage windows, latency from the audit trail.
     */
    List<TrafficPoint> series(UUID workspaceId, Instant since, Duration step) {
        Instant origin = since.truncatedTo(ChronoUnit.MINUTES);
        long stepSeconds = step.toSeconds();
        int steps = (int) Math.max(1, (Instant.now().getEpochSecond() - origin.getEpochSecond()) / stepSeconds + 1);
        long[] requests = new long[steps];
        long[] errors = new long[steps];
        Double[] p50 = new Double[steps];
        Double[] p95 = new Double[steps];
        var u = USAGE_WORKSPACE_WINDOWS;
        Field<Integer> usageStep = stepOf(u.WINDOW_START, origin, stepSeconds);
        dsl.select(usageStep, sum(u.REQUESTS), sum(u.CLIENT_ERRORS).plus(sum(u.SERVER_ERRORS)))
                .from(u)
                .where(u.WORKSPACE_ID.eq(workspaceId), u.GRANULARITY.eq("minute"), u.WINDOW_START.ge(origin.atOffset(ZoneOffset.UTC)))
                .groupBy(usageStep)
                .forEach(r -> {
                    int i = r.value1();
                    if (i >= 0 && i < steps) {
                        requests[i] = whole(r.value2());
                        errors[i] = whole(r.value3());
                    }
                });
        Field<Integer> auditStep = stepOf(AUDIT_EVENTS.OCCURRED_AT, origin, stepSeconds);
        dsl.select(auditStep, p(0.5), p(0.95))
                .from(AUDIT_EVENTS)
                .where(inWindow(workspaceId, origin))
                .groupBy(auditStep)
                .forEach(r -> {
                    int i = r.value1();
                    if (i >= 0 && i < steps) {
                        p50[i] = decimal(r.value2());
                        p95[i] = decimal(r.value3());
                    }
                });
        List<TrafficPoint> points = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            points.add(new TrafficPoint(origin.plusSeconds(i * stepSeconds), requests[i], errors[i], p50[i], p95[i]));
        }
        return points;
    }

    /**
     * Which step of the series {@code time} falls in. The origin is inlined, not bound: Postgres must see the select's
     * expression and the group by's as the same one, and two bind parameters are two expressions to it.
     */
    private static Field<Integer> stepOf(Field<OffsetDateTime> time, Instant origin, long stepSeconds) {
        return DSL.field("floor(extract(epoch from ({0} - {1})) / {2})::int", Integer.class, time,
                DSL.inline(origin.atOffset(ZoneOffset.UTC)), DSL.inline(stepSeconds));
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
