package com.memorylayer.gateway.access;

import com.memorylayer.gateway.tenant.Workspace;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling a workspace route, once admitted to the workspace: a key of it ({@code keyId}) or a signed-in
 * member ({@code userId} with a {@code role}). Exactly one of the two is set. A route receives it as a parameter;
 * the request carries it too, so the audit filter can name the caller of any call, refused ones included.
 */
public record WorkspaceCaller(Workspace workspace, UUID keyId, UUID userId, MemberRole role, Set<Scope> scopes) {

    private static final String REQUEST_ATTRIBUTE = WorkspaceCaller.class.getName();

    public static WorkspaceCaller ofKey(Workspace workspace, UUID keyId, Set<Scope> scopes) {
        return new WorkspaceCaller(workspace, keyId, null, null, Set.copyOf(scopes));
    }

    public static WorkspaceCaller ofMember(Workspace workspace, UUID userId, MemberRole role) {
        return new WorkspaceCaller(workspace, null, userId, role, role.scopes());
    }

    public boolean isPerson() {
        return userId != null;
    }

    public boolean allows(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    /** Records this caller as the one making the request. */
    public void attachTo(HttpServletRequest request) {
        request.setAttribute(REQUEST_ATTRIBUTE, this);
    }

    /** The caller admitted on this request, if any was. */
    public static Optional<WorkspaceCaller> of(HttpServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof WorkspaceCaller caller ? Optional.of(caller)
                : Optional.empty();
    }
}
