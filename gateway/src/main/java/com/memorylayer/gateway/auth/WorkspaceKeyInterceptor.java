package com.memorylayer.gateway.auth;

import com.memorylayer.gateway.error.ApiException;
import com.memorylayer.gateway.keys.ApiKeyAuthenticator;
import com.memorylayer.gateway.keys.ApiKeyToken;
import com.memorylayer.gateway.keys.AuthenticatedKey;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authenticates every {@code /v1/workspaces/{slug}/**} call, by key or by a signed-in member's session. A key
 * is read together with its own workspace (one database round trip). A valid key used on any workspace but its
 * own, and a person who is not a member, get the same 404 as a workspace that does not exist, so neither reveals
 * which workspaces exist. A presented key always wins over a session: an agent's call is the key's.
 */
@Component
public class WorkspaceKeyInterceptor implements HandlerInterceptor {

    private static final String AUTHENTICATED_KEY = WorkspaceKeyInterceptor.class.getName() + ".key";
    private static final Object REFUSED = new Object();

    private final ApiKeyAuthenticator authenticator;
    private final MemberDirectory members;

    public WorkspaceKeyInterceptor(ApiKeyAuthenticator authenticator, MemberDirectory members) {
        this.authenticator = authenticator;
        this.members = members;
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
        String slug = slugOf(request);
        Optional<String> presented = ApiKeyExtractor.extract(request);
        Optional<SignedInUser> person = SignedInUsers.current();
        WorkspaceCaller caller;
        if (presented.isPresent()) {
            caller = byKey(request, presented.get(), slug);
        } else if (person.isPresent()) {
            caller = members.membership(slug, person.get().id())
                    .map(m -> WorkspaceCaller.ofMember(m.workspace(), person.get().id(), m.role()))
                    .orElseThrow(() -> notFound(slug));
        } else {
            throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.MISSING_API_KEY,
                    "send a workspace API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', or sign in");
        }
        // Known before the scope check, so a refusal for scope is audited against the caller that was refused.
        request.setAttribute(WorkspaceCaller.REQUEST_ATTRIBUTE, caller);
        if (required.people() && !caller.isPerson()) {
            throw new ApiException(HttpStatus.FORBIDDEN, ErrorCode.INSUFFICIENT_SCOPE,
                    "only a signed-in member may do this, not a key");
        }
        if (!caller.allows(required.value())) {
            throw new ApiException(HttpStatus.FORBIDDEN, ErrorCode.INSUFFICIENT_SCOPE, caller.isPerson()
                    ? "your role in this workspace does not allow this"
                    : "this key lacks the '" + required.value().wireName() + "' scope");
        }
        return true;
    }

    private WorkspaceCaller byKey(HttpServletRequest request, String presented, String slug) {
        Object earlier = request.getAttribute(AUTHENTICATED_KEY);
        Optional<AuthenticatedKey> checked = earlier instanceof AuthenticatedKey known ? Optional.of(known)
                : earlier == REFUSED ? Optional.empty() : authenticate(presented);
        AuthenticatedKey key = checked.orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_API_KEY,
                        "the API key is not valid (unknown, revoked or expired)"));
        if (!key.workspace().slug().equals(slug)) {
            throw notFound(slug);
        }
        return WorkspaceCaller.ofKey(key.workspace(), key.keyId(), key.scopes());
    }

    private static ApiException notFound(String slug) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + slug + "' for this caller");
    }

    private static String slugOf(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? null : variables.get("slug");
    }

    /**
     * Authenticates a presented key and remembers the outcome on the request, so that the rate limiter (which must
     * know whose bucket to charge before routing) and this interceptor check it only once.
     */
    public Optional<AuthenticatedKey> authenticate(HttpServletRequest request, String presented) {
        Optional<AuthenticatedKey> key = authenticate(presented);
        request.setAttribute(AUTHENTICATED_KEY, key.isPresent() ? key.get() : REFUSED);
        return key;
    }

    private Optional<AuthenticatedKey> authenticate(String presented) {
        return ApiKeyToken.parse(presented).flatMap(authenticator::authenticate);
    }

    /** The caller of the current request; only on routes marked {@link RequiresScope}. */
    public static WorkspaceCaller caller(HttpServletRequest request) {
        return (WorkspaceCaller) request.getAttribute(WorkspaceCaller.REQUEST_ATTRIBUTE);
    }

    /** Marks the request as made by this caller; for the dashboard's pages, which check membership themselves. */
    public static void attribute(HttpServletRequest request, WorkspaceCaller caller) {
        request.setAttribute(WorkspaceCaller.REQUEST_ATTRIBUTE, caller);
    }
}
