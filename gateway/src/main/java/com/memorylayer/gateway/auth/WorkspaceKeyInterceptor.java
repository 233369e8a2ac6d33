package com.memorylayer.gateway.auth;

import com.memorylayer.gateway.error.ApiException;
import com.memorylayer.gateway.keys.ApiKeyAuthenticator;
import com.memorylayer.gateway.keys.ApiKeyScope;
import com.memorylayer.gateway.keys.ApiKeyToken;
import com.memorylayer.gateway.keys.AuthenticatedKey;
import com.memorylayer.gateway.workspace.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authenticates every {@code /v1/workspaces/{slug}/**} call. The key is read together with its own workspace
 * (one database round trip), and a valid key used on any workspace but its own gets the same 404 as a workspace
 * that does not exist, so neither a missing key nor another tenant's key reveals which workspaces exist.
 */
@Component
public class WorkspaceKeyInterceptor implements HandlerInterceptor {

    private final ApiKeyAuthenticator authenticator;

    public WorkspaceKeyInterceptor(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
        if (required == null) {
            return true;
        }
        String presented = ApiKeyExtractor.extract(request).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED,
                ErrorCode.MISSING_API_KEY, "send a workspace API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"));
        AuthenticatedKey key = ApiKeyToken.parse(presented).flatMap(authenticator::authenticate)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_API_KEY,
                        "the API key is not valid (unknown, revoked or expired)"));
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String slug = variables == null ? null : variables.get("slug");
        Workspace workspace = key.workspace();
        if (!workspace.slug().equals(slug)) {
            throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + slug + "' for this key");
        }
        // Known before the scope check, so a refusal for scope is audited against the key that was refused.
        request.setAttribute(WorkspaceCaller.REQUEST_ATTRIBUTE, new WorkspaceCaller(workspace, key));
        if (!key.allows(required.value())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ErrorCode.INSUFFICIENT_SCOPE,
                    "this key lacks the '" + required.value().wireName() + "' scope");
        }
        return true;
    }

    /** The caller of the current request; only on routes marked {@link RequiresScope}. */
    public static WorkspaceCaller caller(HttpServletRequest request) {
        return (WorkspaceCaller) request.getAttribute(WorkspaceCaller.REQUEST_ATTRIBUTE);
    }
}
