package com.memorylayer.gateway.seedapi;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ActivityController;
import com.memorylayer.gateway.activity.UsageWindows;
import com.memorylayer.gateway.observability.WorkspaceObservability;
import com.memorylayer.gateway.observability.WorkspaceObservabilityController;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The seed's audit, usage and observability, answered by our activity and observability routes' own methods. */
@RestController
@RequestMapping("/api/workspaces/{slug}")
class SeedActivityAliases {

    private static final SeedLimit AUDIT = new SeedLimit(1, 100, 25);
    private static final SeedLimit USAGE = new SeedLimit(1, 100, 50);
    private static final SeedLimit OBSERVED = new SeedLimit(25, 500, 250);

    private final ActivityController activity;
    private final WorkspaceObservabilityController observability;

    SeedActivityAliases(ActivityController activity, WorkspaceObservabilityController observability) {
        this.activity = activity;
        this.observability = observability;
    }

    /** Admin scope, as our audit log: the seed let any key read it, which this alias does not. */
    @GetMapping("/audit")
    @RequiresScope(Scope.ADMIN)
    @SeedAlias(successor = "/v1/workspaces/{slug}/audit")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-100, default 25")
    SeedAnswers.Events seedAudit(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam(required = false) String limit) {
        return new SeedAnswers.Events(caller.workspace().slug(), activity.audit(caller, limited(AUDIT.of(limit))).events());
    }

    /** Our usage is counted in windows (a day each), not call by call: the events are the windows, the summary their sum. */
    @GetMapping("/usage")
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/usage")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-100, default 50")
    SeedAnswers.Usage seedUsage(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam(required = false) String limit) {
        UsageWindows.UsagePage page = activity.usage(caller, limited(USAGE.of(limit)));
        SeedAnswers.UsageSummary summary = new SeedAnswers.UsageSummary(
                page.windows().stream().mapToLong(UsageWindows.UsageWindow::requests).sum(),
                page.windows().stream().mapToLong(UsageWindows.UsageWindow::clientErrors).sum(),
                page.windows().stream().mapToLong(UsageWindows.UsageWindow::serverErrors).sum(), page.granularity());
        return new SeedAnswers.Usage(caller.workspace().slug(), summary, page.windows());
    }

    /** The seed's {@code limit} sized its sample of calls; ours reads the last hour's windows and trail whole, so it is only checked. */
    @GetMapping("/observability")
    @RequiresScope(Scope.READ)
    @SeedAlias(successor = "/v1/workspaces/{slug}/observability")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "25-500, default 250 (checked, not used)")
    WorkspaceObservability seedObservability(WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam(required = false) String limit) {
        OBSERVED.of(limit);
        return observability.observability(caller, new LinkedMultiValueMap<>());
    }

    private static LinkedMultiValueMap<String, String> limited(int limit) {
        LinkedMultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("limit", Integer.toString(limit));
        return query;
    }
}
