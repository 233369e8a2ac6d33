package com.memorylayer.gateway.observability;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's own observability. Scope {@code read}: it shows the workspace's figures only (counts, latencies and
 * route templates), none of what makes the audit log an admin's (which key called, from which address, request ids),
 * so an agent or a monitoring script with a read key may watch its workspace.
 */
@RestController
public class WorkspaceObservabilityController {

    /** Routes in each list unless {@code limit} says otherwise. */
    static final int DEFAULT_ROUTES = 10;
    private static final Set<String> PARAMETERS = Set.of("window", "limit");

    private final WorkspaceObservabilityReport report;

    WorkspaceObservabilityController(WorkspaceObservabilityReport report) {
        this.report = report;
    }

    @GetMapping("/v1/workspaces/{slug}/observability")
    @RequiresScope(Scope.READ)
    @Parameter(name = "window", in = ParameterIn.QUERY, description = "15m, 1h (default), 6h, 24h or 7d")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "routes in each list, 1-500, default 10")
    public WorkspaceObservability observability(WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, PARAMETERS);
        ObservabilityWindow window = ObservabilityWindow.parse(parameters.text("window"));
        int limit = parameters.text("limit") == null ? DEFAULT_ROUTES : parameters.limit();
        return report.summary(caller.workspace().id(), window, limit);
    }
}
