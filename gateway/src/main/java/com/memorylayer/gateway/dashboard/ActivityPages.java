package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.activity.AuditLog.AuditPage;
import com.memorylayer.gateway.activity.AuditLog;
import com.memorylayer.gateway.activity.AuditQuery;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.gateway.activity.UsageQuery;
import com.memorylayer.gateway.activity.UsageWindows.UsagePage;
import com.memorylayer.gateway.activity.UsageWindows;
import com.memorylayer.gateway.keys.ApiKeyDirectory;
import com.memorylayer.gateway.members.MemberDirectory.Membership;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log (filter by key, status and time; paged) and usage over time as a chart. */
@Controller
class ActivityPages {

    private static final Set<String> AUDIT_FILTERS = Set.of("from", "to", "key_id", "status", "cursor");
    private static final Set<String> USAGE_FILTERS = Set.of("granularity", "from", "to", "key_id");

    private final DashboardAccess access;
    private final AuditLog audit;
    private final UsageWindows usage;
    private final ApiKeyDirectory keys;

    ActivityPages(DashboardAccess access, AuditLog audit, UsageWindows usage, ApiKeyDirectory keys) {
        this.access = access;
        this.audit = audit;
        this.usage = usage;
        this.keys = keys;
    }

    @GetMapping("/app/workspaces/{slug}/audit")
    String audit(@PathVariable String slug, Model model, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.ADMIN, request);
        Map<String, List<String>> filters = FormParameters.of(request, AUDIT_FILTERS);
        AuditPage page = audit.page(membership.workspace().id(),
                AuditQuery.parse(ListParameters.of(filters, AuditQuery.PARAMETERS)));
        model.addAttribute("membership", membership);
        model.addAttribute("page", page);
        model.addAttribute("keys", keys.list(membership.workspace().id()));
        model.addAttribute("filters", filters);
        model.addAttribute("raw", request.getParameterMap());
        if (page.nextCursor() != null) {
            UriComponentsBuilder next = UriComponentsBuilder.fromPath("/app/workspaces/{slug}/audit");
            filters.forEach((name, values) -> {
                if (!name.equals("cursor")) {
                    next.queryParam(name, values.getFirst());
                }
            });
            model.addAttribute("nextPage", next.queryParam("cursor", page.nextCursor()).buildAndExpand(slug).encode().toUriString());
        }
        return "audit";
    }

    @GetMapping("/app/workspaces/{slug}/usage")
    String usage(@PathVariable String slug, Model model, HttpServletRequest request) {
        Membership membership = access.require(slug, MemberRole.VIEWER, request);
        UsagePage page = usage.page(membership.workspace().id(),
                UsageQuery.parse(ListParameters.of(FormParameters.of(request, USAGE_FILTERS), UsageQuery.PARAMETERS)));
        model.addAttribute("membership", membership);
        model.addAttribute("page", page);
        model.addAttribute("chart", UsageChart.of(page.windows(), page.granularity()));
        return "usage";
    }
}
