package com.memorylayer.gateway.activity;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.AuditLog.AuditPage;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log and usage windows over the API. The audit log needs admin: it shows every key's calls and addresses. */
@RestController
public class ActivityController {

    private final AuditLog log;
    private final UsageWindows usage;

    ActivityController(AuditLog log, UsageWindows usage) {
        this.log = log;
        this.usage = usage;
    }

    @GetMapping("/v1/workspaces/{slug}/audit")
    @RequiresScope(Scope.ADMIN)
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "ISO-8601 time, inclusive")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "ISO-8601 time, exclusive")
    @Parameter(name = "key_id", in = ParameterIn.QUERY, description = "only this key's calls")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "an HTTP status such as 404, or a class such as 4xx")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    public AuditPage audit(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        return log.page(caller.workspace().id(), AuditQuery.parse(ListParameters.of(parameters, AuditQuery.PARAMETERS)));
    }

    @GetMapping("/v1/workspaces/{slug}/usage")
    @RequiresScope(Scope.READ)
    @Parameter(name = "granularity", in = ParameterIn.QUERY, description = "minute or day (default)")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "ISO-8601 time, inclusive")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "ISO-8601 time, exclusive")
    @Parameter(name = "key_id", in = ParameterIn.QUERY, description = "one key's windows instead of the workspace's")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "the previous page's next_cursor")
    public UsageWindows.UsagePage usage(WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        return usage.page(caller.workspace().id(), UsageQuery.parse(ListParameters.of(parameters, UsageQuery.PARAMETERS)));
    }
}
