package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.ingest.RunReads;
import com.memorylayer.gateway.members.MemberDirectory.Membership;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.ObjectMapper;

/**
 * The workspace's ingest runs with their progress and rejected items. While a run is unfinished the page reloads
 * itself every few seconds (a meta refresh: the dashboard's policy allows no inline script), so the bars move.
 */
@Controller
class IngestPages {

    private static final int RUNS_SHOWN = 50;
    static final int REFRESH_SECONDS = 2;

    private final DashboardAccess access;
    private final RunReads runs;
    private final ObjectMapper mapper;

    IngestPages(DashboardAccess access, RunReads runs, ObjectMapper mapper) {
        this.access = access;
        this.runs = runs;
        this.mapper = mapper;
    }

    @SuppressWarnings("unchecked")
    @GetMapping("/app/workspaces/{slug}/ingest")
    String runs(@PathVariable String slug, Model model, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.VIEWER, request);
        // As maps of the API's field names, which the page's template reads (r.run_id, r.items_accepted).
        List<Map<String, Object>> recent = runs.recent(membership.workspace().id(), RUNS_SHOWN).stream()
                .map(run -> (Map<String, Object>) mapper.convertValue(run, Map.class)).toList();
        model.addAttribute("membership", membership);
        model.addAttribute("runs", recent);
        model.addAttribute("mayWrite", membership.role().scopes().contains(Scope.WRITE));
        model.addAttribute("refresh", recent.stream().anyMatch(r -> r.get("finished_at") == null) ? REFRESH_SECONDS : null);
        return "ingest";
    }
}
