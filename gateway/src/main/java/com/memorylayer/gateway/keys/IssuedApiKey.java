package com.memorylayer.gateway.keys;

import com.memorylayer.gateway.access.Scope;
import java.util.Set;
import java.util.UUID;

/** A key just created: the only moment its clear token exists outside the client. */
public record IssuedApiKey(UUID id, UUID workspaceId, String name, ApiKeyToken token, Set<Scope> scopes) {
}
