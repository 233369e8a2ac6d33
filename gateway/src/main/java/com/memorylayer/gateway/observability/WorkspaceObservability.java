package com.memorylayer.gateway.observability;

import com.memorylayer.schemas.reads.ingest.IngestRunView;
import com.memorylayer.schemas.reads.stats.RuntimeState;
import java.time.Instant;
import java.util.List;

/**
 * One workspace's own figures over a window: what its calls came to and how long they took, its runtime on the
 * query replica its reads go to, and its latest ingest runs. Everything is read from what the audit-sink
 * materialised (usage windows and the audit trail), so every gateway answers the same, and a restart loses nothing.
 *
 * @param traffic          every call on the workspace's API in the window, by outcome (usage windows)
 * @param latency          how long the audited calls took (the audit trail: calls answered below 400, and refusals for
 *                         the key, its scope, the body's size or a limit)
 * @param slowestRoutes    the routes with the highest p95, slowest first
 * @param mostCalledRoutes the routes called most, most first
 */
public record WorkspaceObservability(String window, Instant since, Traffic traffic, Latency latency,
        List<RouteFigures> slowestRoutes, List<RouteFigures> mostCalledRoutes, RuntimeState runtime,
        List<IngestRunView> ingestRuns) {

    /**
     * @param failureRate the share of requests answered 4xx or 5xx, 0 when there were none
     */
    public record Traffic(long requests, long clientErrors, long serverErrors, double failureRate, long memoriesWritten,
            long recalls) {
    }

    /** Milliseconds, null when no call was audited in the window. */
    public record Latency(long auditedCalls, Double p50Ms, Double p95Ms) {
    }

    /** One route template (method and path pattern, never a raw path). */
    public record RouteFigures(String route, long calls, double p50Ms, double p95Ms) {
    }
}
