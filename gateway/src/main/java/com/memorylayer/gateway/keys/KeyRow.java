package com.memorylayer.gateway.keys;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.tenant.Workspace;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** What authentication needs of one key's row and its workspace's, as read from Postgres. */
record KeyRow(UUID keyId, Workspace workspace, byte[] secretHash, Set<Scope> scopes, OffsetDateTime expiresAt,
        OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {

    KeyRow usedAt(OffsetDateTime when) {
        return new KeyRow(keyId, workspace, secretHash, scopes, expiresAt, revokedAt, when);
    }
}
