package com.memorylayer.gateway.keys;

import static com.memorylayer.schemas.jooq.control.Tables.API_KEYS;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.tenant.WorkspaceDirectory;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Resolves a presented token to its key. Unknown, revoked, expired and wrong-secret keys all come back empty,
 * alike, so a caller learns nothing about which it was. The key's row comes from {@link CachedKeyRows} when it
 * holds it; the secret is checked on every call.
 */
@Service
public class ApiKeyAuthenticator {

    private final DSLContext dsl;
    private final ApiKeyHasher hasher;
    private final ApiKeyProperties properties;
    private final CachedKeyRows rows;

    public ApiKeyAuthenticator(DSLContext dsl, ApiKeyHasher hasher, ApiKeyProperties properties, CachedKeyRows rows) {
        this.dsl = dsl;
        this.hasher = hasher;
        this.properties = properties;
        this.rows = rows;
    }

    public Optional<AuthenticatedKey> authenticate(ApiKeyToken token) {
        Optional<KeyRow> found = rows.find(token.prefix(), this::read);
        if (found.isEmpty()) {
            // Hash anyway so an unknown prefix costs the same time as a wrong secret.
            hasher.matches(token, new byte[32]);
            return Optional.empty();
        }
        KeyRow row = found.get();
        OffsetDateTime now = OffsetDateTime.now();
        boolean secretMatches = hasher.matches(token, row.secretHash());
        boolean revoked = row.revokedAt() != null;
        boolean expired = row.expiresAt() != null && !row.expiresAt().isAfter(now);
        if (!secretMatches || revoked || expired) {
            return Optional.empty();
        }
        if (row.lastUsedAt() == null || row.lastUsedAt().isBefore(now.minus(properties.lastUsedGranularity()))) {
            dsl.update(API_KEYS).set(API_KEYS.LAST_USED_AT, now).where(API_KEYS.ID.eq(row.keyId())).execute();
            rows.used(token.prefix(), row.usedAt(now));
        }
        return Optional.of(new AuthenticatedKey(row.keyId(), row.workspace(), row.scopes()));
    }

    /** The key and its workspace in one round trip. */
    private Optional<KeyRow> read(String prefix) {
        var joined = dsl.select(API_KEYS.asterisk(), WORKSPACES.asterisk())
                .from(API_KEYS)
                .join(WORKSPACES).on(WORKSPACES.ID.eq(API_KEYS.WORKSPACE_ID))
                .where(API_KEYS.PREFIX.eq(prefix))
                .fetchOne();
        if (joined == null) {
            return Optional.empty();
        }
        var row = joined.into(API_KEYS);
        Set<Scope> scopes = Arrays.stream(row.getScopes()).map(Scope::fromWire)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
        return Optional.of(new KeyRow(row.getId(), WorkspaceDirectory.toWorkspace(joined), row.getSecretHash(),
                Collections.unmodifiableSet(scopes), row.getExpiresAt(), row.getRevokedAt(), row.getLastUsedAt()));
    }
}
