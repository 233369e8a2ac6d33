package com.memorylayer.gateway.auth;

import com.memorylayer.gateway.keys.ApiKeyScope;
import com.memorylayer.gateway.members.MemberRole;
import com.memorylayer.gateway.workspace.Workspace;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling a workspace route, once matched to the workspace: a key of it ({@code keyId}) or a signed-in
 * member ({@code userId} with a {@code role}). Exactly one of the two is set.
 */
public record WorkspaceCaller(Workspace workspace, UUID keyId, UUID userId, MemberRole role, Set<ApiKeyScope> scopes) {

    static final String REQUEST_ATTRIBUTE = WorkspaceCaller.class.getName();

    public static WorkspaceCaller ofKey(Workspace workspace, UUID keyId, Set<ApiKeyScope> scopes) {
        return new WorkspaceCaller(workspace, keyId, null, null, Set.copyOf(scopes));
    }

    public static WorkspaceCaller ofMember(Workspace workspace, UUID userId, MemberRole role) {
        return new WorkspaceCaller(workspace, null, userId, role, role.scopes());
    }

    public boolean isPerson() {
        return userId != null;
    }

    public boolean allows(ApiKeyScope scope) {
        return scopes.contains(scope) || scopes.contains(ApiKeyScope.ADMIN);
    }
}
