package com.memorylayer.gateway.keys;

import java.util.Set;
import java.util.UUID;

/** A key that passed authentication: valid, not revoked, not expired. */
public record AuthenticatedKey(UUID keyId, UUID workspaceId, Set<ApiKeyScope> scopes) {

    public boolean allows(ApiKeyScope scope) {
        return scopes.contains(scope) || scopes.contains(ApiKeyScope.ADMIN);
    }
}
