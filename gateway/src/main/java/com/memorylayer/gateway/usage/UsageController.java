package com.memorylayer.gateway.usage;

import com.memorylayer.gateway.auth.RequiresScope;
import com.memorylayer.gateway.auth.WorkspaceKeyInterceptor;
import com.memorylayer.gateway.keys.ApiKeyScope;
import com.memorylayer.gateway.usage.UsageWindows.UsagePage;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The workspace's usage over the API. */
@RestController
class UsageController {

    private final UsageWindows windows;

    UsageController(UsageWindows windows) {
        this.windows = windows;
    }

    @GetMapping("/v1/workspaces/{slug}/usage")
    @RequiresScope(ApiKeyScope.READ)
    UsagePage usage(@PathVariable String slug, HttpServletRequest request) {
        return windows.page(WorkspaceKeyInterceptor.caller(request).workspace().id(), request);
    }
}
