package com.memorylayer.gateway.keys;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.tenant.Workspace;
import java.util.Set;
import java.util.UUID;

/** A key that passed authentication — valid, not revoked, not expired — with the workspace it belongs to. */
public record AuthenticatedKey(UUID keyId, Workspace workspace, Set<Scope> scopes) {

    public UUID workspaceId() {
        return workspace.id();
    }

    public boolean allows(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
}
