package com.memorylayer.gateway.keys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A key as listed: its visible prefix and its history, never its secret. */
public record ApiKeyListing(UUID id, String prefix, String name, List<String> scopes, OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, String createdBy) {

    public boolean active() {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now()));
    }
}
