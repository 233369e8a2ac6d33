package com.memorylayer.gateway.keys;

import com.memorylayer.gateway.workspace.Workspace;
import java.util.Set;
import java.util.UUID;

/** A key that passed authentication — valid, not revoked, not expired — with the workspace it belongs to. */
public record AuthenticatedKey(UUID keyId, Workspace workspace, Set<ApiKeyScope> scopes) {

    public UUID workspaceId() {
        return workspace.id();
    }

    public boolean allows(ApiKeyScope scope) {
        return scopes.contains(scope) || scopes.contains(ApiKeyScope.ADMIN);
    }
}
