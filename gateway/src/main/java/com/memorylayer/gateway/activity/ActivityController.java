package com.memorylayer.gateway.activity;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.AuditLog.AuditPage;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log and usage windows over the API. The audit log needs admin: it shows every key's calls and addresses. */
@RestController
class ActivityController {

    private final AuditLog log;
    private final UsageWindows usage;

    ActivityController(AuditLog log, UsageWindows usage) {
        this.log = log;
        this.usage = usage;
    }

    @GetMapping("/v1/workspaces/{slug}/audit")
    @RequiresScope(Scope.ADMIN)
    AuditPage audit(WorkspaceCaller caller, @RequestParam MultiValueMap<String, String> parameters) {
        return log.page(caller.workspace().id(), AuditQuery.parse(ListParameters.of(parameters, AuditQuery.PARAMETERS)));
    }

    @GetMapping("/v1/workspaces/{slug}/usage")
    @RequiresScope(Scope.READ)
    UsageWindows.UsagePage usage(WorkspaceCaller caller, @RequestParam MultiValueMap<String, String> parameters) {
        return usage.page(caller.workspace().id(), UsageQuery.parse(ListParameters.of(parameters, UsageQuery.PARAMETERS)));
    }
}
