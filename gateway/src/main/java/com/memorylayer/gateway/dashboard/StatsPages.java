package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.reads.stats.WorkspaceQuality;
import com.memorylayer.schemas.reads.stats.WorkspaceStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A workspace's status and quality figures as charts: what {@code GET /status} and {@code GET /stats/quality} answer,
 * read the same way and with the same {@code read} scope: memories by status, layer, type, source and month, and the
 * shares recalled, curated and untagged.
 */
@Controller
class StatsPages {

    private final DashboardAccess access;
    private final QueryReads query;

    StatsPages(DashboardAccess access, QueryReads query) {
        this.access = access;
        this.query = query;
    }

    @GetMapping("/app/workspaces/{slug}/stats")
    String stats(@PathVariable String slug, Model model, HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.READ, request);
        UUID workspace = admitted.caller().workspace().id();
        WorkspaceStatus status = query.get(workspace, "/status", WorkspaceStatus.class);
        WorkspaceQuality quality = query.get(workspace, "/stats/quality", WorkspaceQuality.class);
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("recalled", quality.recalledShare());
        shares.put("curated", quality.curatedShare());
        shares.put("untagged", quality.untaggedShare());
        model.addAttribute("membership", admitted.membership());
        model.addAttribute("status", status);
        model.addAttribute("quality", quality);
        model.addAttribute("charts", List.of(
                StatsChart.counts("chart-status", "Memories by status", sorted(status.memories().byStatus())),
                StatsChart.counts("chart-layer", "By layer", sorted(status.memories().byLayer())),
                StatsChart.counts("chart-type", "By type", sorted(status.memories().byType())),
                StatsChart.counts("chart-source", "By source", sorted(status.memories().bySource())),
                StatsChart.counts("chart-month", "By month created", sorted(status.memories().byMonth())),
                StatsChart.shares("chart-quality", "Quality (of memories not forgotten)", shares)));
        return "stats";
    }

    /** By label, so the page shows the same order every time (a month's label sorts by time). */
    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        return counts == null ? Map.of() : new TreeMap<>(counts);
    }
}
