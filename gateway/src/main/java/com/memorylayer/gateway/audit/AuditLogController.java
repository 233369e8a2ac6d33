package com.memorylayer.gateway.audit;

import com.memorylayer.gateway.audit.AuditLog.AuditPage;
import com.memorylayer.gateway.auth.RequiresScope;
import com.memorylayer.gateway.auth.WorkspaceKeyInterceptor;
import com.memorylayer.gateway.keys.ApiKeyScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The audit log over the API. Needs the admin scope: it shows every key's calls and client addresses. */
@RestController
class AuditLogController {

    private final AuditLog log;

    AuditLogController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/v1/workspaces/{slug}/audit")
    @RequiresScope(ApiKeyScope.ADMIN)
    AuditPage audit(@PathVariable String slug, HttpServletRequest request) {
        return log.page(WorkspaceKeyInterceptor.caller(request).workspace().id(), request);
    }
}
