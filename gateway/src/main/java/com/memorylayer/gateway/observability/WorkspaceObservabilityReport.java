package com.memorylayer.gateway.observability;

import com.memorylayer.gateway.ingest.RunReads;
import com.memorylayer.gateway.health.QueryServiceRuntime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A workspace's observability figures, as the API answers them and the dashboard draws them: one place reads them,
 * so the page and {@code GET /v1/workspaces/{slug}/observability} cannot disagree.
 */
@Component
public class WorkspaceObservabilityReport {

    /** Most recent ingest runs shown. */
    public static final int INGEST_RUNS = 10;

    private final WorkspaceTrafficFigures figures;
    private final QueryServiceRuntime runtime;
    private final RunReads runs;

    WorkspaceObservabilityReport(WorkspaceTrafficFigures figures, QueryServiceRuntime runtime, RunReads runs) {
        this.figures = figures;
        this.runtime = runtime;
        this.runs = runs;
    }

    /** The window's summary; {@code limit} routes in each list. */
    public WorkspaceObservability summary(UUID workspaceId, ObservabilityWindow window, int limit) {
        Instant since = Instant.now().minus(window.span());
        return new WorkspaceObservability(window.wire(), since, figures.traffic(workspaceId, since),
                figures.latency(workspaceId, since), figures.slowestRoutes(workspaceId, since, limit),
                figures.mostCalledRoutes(workspaceId, since, limit), runtime.state(workspaceId),
                runs.recent(workspaceId, INGEST_RUNS));
    }

    /** The window over time, one point per {@link ObservabilityWindow#step()}. */
    public List<TrafficPoint> series(UUID workspaceId, ObservabilityWindow window) {
        return figures.series(workspaceId, Instant.now().minus(window.span()), window.step());
    }
}
