package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.members.MemberDirectory.Membership;
import com.memorylayer.gateway.observability.ObservabilityWindow;
import com.memorylayer.gateway.observability.WorkspaceObservabilityReport;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A workspace's observability as charts: the figures of {@code GET /v1/workspaces/{slug}/observability} over the
 * window, drawn as latency, volume and errors over time. Open to every member, like usage: they are the workspace's
 * own counts and timings, nothing of who called.
 */
@Controller
class ObservabilityPages {

    /** Routes listed in each of the page's two tables. */
    static final int ROUTES = 5;

    private final DashboardAccess access;
    private final WorkspaceObservabilityReport report;

    ObservabilityPages(DashboardAccess access, WorkspaceObservabilityReport report) {
        this.access = access;
        this.report = report;
    }

    @GetMapping("/app/workspaces/{slug}/observability")
    String observability(@PathVariable String slug, @RequestParam(required = false) String window, Model model,
            HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.VIEWER, request);
        ObservabilityWindow shown = ObservabilityWindow.parse(window);
        model.addAttribute("membership", membership);
        model.addAttribute("window", shown.wire());
        model.addAttribute("windows", ObservabilityWindow.values());
        model.addAttribute("summary", report.summary(membership.workspace().id(), shown, ROUTES));
        model.addAttribute("charts", ObservabilityCharts.of(report.series(membership.workspace().id(), shown)));
        return "observability";
    }
}
