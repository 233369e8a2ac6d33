package com.memorylayer.gateway.health;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A workspace's own health: what it holds, whether its indexes and graph are whole, how it is used. */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class WorkspaceHealthController {

    static final int MAX_HOURS = 24 * 90;

    private final WorkspaceUsageStats stats;
    private final QueryServiceRuntime runtime;

    WorkspaceHealthController(WorkspaceUsageStats stats, QueryServiceRuntime runtime) {
        this.stats = stats;
        this.runtime = runtime;
    }

    @GetMapping("/status")
    @RequiresScope(Scope.READ)
    Map<String, Object> status(WorkspaceCaller caller) {
        return stats.status(caller.workspace());
    }

    @GetMapping("/health")
    @RequiresScope(Scope.READ)
    Map<String, Object> health(WorkspaceCaller caller) {
        Map<String, Object> integrity = stats.integrity(caller.workspace());
        Map<String, Object> health = new LinkedHashMap<>();
        boolean whole = ((Integer) integrity.get("memories_without_vectors")) == 0
                && ((Integer) integrity.get("entities_without_memories")) == 0;
        health.put("status", whole ? "ok" : "degraded");
        health.put("runtime", runtime.state(caller.workspace().id()));
        health.putAll(integrity);
        return health;
    }

    @GetMapping("/stats/access-patterns")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    Map<String, Object> accessPatterns(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        int limit = ListParameters.of(query, Set.of("limit")).limit();
        return Map.of("memories", stats.accessPatterns(caller.workspace(), limit));
    }

    @GetMapping("/stats/hotspots")
    @RequiresScope(Scope.READ)
    @Parameter(name = "hours", in = ParameterIn.QUERY, description = "the window, 1-2160 hours, default 72")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "entities and memories shown, 1-500, default 8")
    Map<String, Object> hotspots(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, Set.of("hours", "limit"));
        int hours = parameters.integer("hours", 1, MAX_HOURS, 72);
        return stats.hotspots(caller.workspace(), hours, parameters.text("limit") == null ? 8 : parameters.limit());
    }

    @GetMapping("/stats/quality")
    @RequiresScope(Scope.READ)
    Map<String, Object> quality(WorkspaceCaller caller) {
        return stats.quality(caller.workspace());
    }
}
