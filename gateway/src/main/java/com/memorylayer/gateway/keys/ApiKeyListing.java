package com.memorylayer.gateway.keys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A key as listed: its visible prefix and its history, never its secret.
 *
 * @param createdBy    the login of the person who made it, if a person did
 * @param createdByKey the key that made it, if a key did: revoking that key revokes this one too
 */
public record ApiKeyListing(UUID id, String prefix, String name, List<String> scopes, OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, String createdBy, UUID createdByKey) {

    public boolean active() {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now()));
    }
}
