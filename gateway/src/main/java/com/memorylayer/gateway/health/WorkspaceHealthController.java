package com.memorylayer.gateway.health;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.reads.stats.AccessPatterns;
import com.memorylayer.schemas.reads.stats.Hotspots;
import com.memorylayer.schemas.reads.stats.WorkspaceHealth;
import com.memorylayer.schemas.reads.stats.WorkspaceQuality;
import com.memorylayer.schemas.reads.stats.WorkspaceStatus;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's own health: what it holds, whether its indexes and graph are whole, how it is used. The query
 * service counts it (on its bounded workspace-read pool); here the caller and the public parameters are checked.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
public class WorkspaceHealthController {

    static final int MAX_HOURS = 24 * 90;

    private final QueryReads reads;

    WorkspaceHealthController(QueryReads reads) {
        this.reads = reads;
    }

    @GetMapping("/status")
    @RequiresScope(Scope.READ)
    public WorkspaceStatus status(WorkspaceCaller caller) {
        return reads.get(caller.workspace().id(), "/status", WorkspaceStatus.class);
    }

    /** {@code ok} or {@code degraded}, with the runtime of the query replica that serves this workspace. */
    @GetMapping("/health")
    @RequiresScope(Scope.READ)
    WorkspaceHealth health(WorkspaceCaller caller) {
        return reads.get(caller.workspace().id(), "/health", WorkspaceHealth.class);
    }

    @GetMapping("/stats/access-patterns")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    AccessPatterns accessPatterns(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        int limit = ListParameters.of(query, Set.of("limit")).limit();
        return reads.get(caller.workspace().id(), "/stats/access-patterns?limit=" + limit, AccessPatterns.class);
    }

    @GetMapping("/stats/hotspots")
    @RequiresScope(Scope.READ)
    @Parameter(name = "hours", in = ParameterIn.QUERY, description = "the window, 1-2160 hours, default 72")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "entities and memories shown, 1-500, default 8")
    Hotspots hotspots(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, Set.of("hours", "limit"));
        int hours = parameters.integer("hours", 1, MAX_HOURS, 72);
        int limit = parameters.text("limit") == null ? 8 : parameters.limit();
        return reads.get(caller.workspace().id(), "/stats/hotspots?hours=" + hours + "&limit=" + limit, Hotspots.class);
    }

    @GetMapping("/stats/quality")
    @RequiresScope(Scope.READ)
    WorkspaceQuality quality(WorkspaceCaller caller) {
        return reads.get(caller.workspace().id(), "/stats/quality", WorkspaceQuality.class);
    }
}
