package com.memorylayer.gateway.admission;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.guard.ApiPaths;
import com.memorylayer.gateway.keys.ApiKeyExtractor;
import com.memorylayer.gateway.keys.AuthenticatedKey;
import com.memorylayer.gateway.keys.PresentedKeys;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Admits the caller of every route marked {@link RequiresScope}: a key of the route's workspace, or a signed-in
 * member of it, holding the scope the route needs. A valid key used on any workspace but its own, and a person
 * who is not a member, get the same 404 as a workspace that does not exist, so neither reveals which workspaces
 * exist. A presented key always wins over a session: an agent's call is the key's.
 */
@Component
class WorkspaceAdmission implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceAdmission.class);

    private final PresentedKeys keys;
    private final MemberDirectory members;

    WorkspaceAdmission(PresentedKeys keys, MemberDirectory members) {
        this.keys = keys;
        this.members = members;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
        if (required == null) {
            if (ApiPaths.isWorkspaceRoute(request.getRequestURI()) && slugOf(request) != null) {
                // A workspace route someone forgot to mark: closed to everyone, not open to anyone.
                log.error("{} serves a workspace route without @RequiresScope; refusing every call to it", method);
                throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "this route admits no one");
            }
            return true;
        }
        WorkspaceCaller caller = identify(request, slugOf(request));
        // Attached before the scope check, so a refusal for scope is audited against the caller that was refused.
        caller.attachTo(request);
        if (required.people() && !caller.isPerson()) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "only a signed-in member may do this, not a key");
        }
        if (!required.anyScope() && !caller.allows(required.value())) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, caller.isPerson()
                    ? "your role in this workspace does not allow this"
                    : "this key lacks the '" + required.value().wireName() + "' scope");
        }
        return true;
    }

    private WorkspaceCaller identify(HttpServletRequest request, String slug) {
        Optional<String> presented = ApiKeyExtractor.extract(request);
        if (presented.isPresent()) {
            AuthenticatedKey key = keys.authenticate(request, presented.get()).orElseThrow(() ->
                    new ApiException(ErrorCode.INVALID_API_KEY, "the API key is not valid (unknown, revoked or expired)"));
            if (!key.workspace().slug().equals(slug)) {
                throw notFound(slug);
            }
            return WorkspaceCaller.ofKey(key.workspace(), key.keyId(), key.scopes());
        }
        SignedInUser person = SignedInUsers.current().orElseThrow(() -> new ApiException(ErrorCode.MISSING_API_KEY,
                "send a workspace API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', or sign in"));
        return members.membership(slug, person.id())
                .map(m -> WorkspaceCaller.ofMember(m.workspace(), person.id(), m.role()))
                .orElseThrow(() -> notFound(slug));
    }

    private static ApiException notFound(String slug) {
        return new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + slug + "' for this caller");
    }

    private static String slugOf(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? null : variables.get("slug");
    }
}
