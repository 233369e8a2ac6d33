package com.memorylayer.gateway.keys;

import static com.memorylayer.schemas.jooq.control.Tables.API_KEYS;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceDirectory;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Resolves a presented token to its key. Unknown, revoked, expired and wrong-secret keys all come back empty,
 * alike, so a caller learns nothing about which it was.
 */
@Service
public class ApiKeyAuthenticator {

    private final DSLContext dsl;
    private final ApiKeyHasher hasher;
    private final ApiKeyProperties properties;

    public ApiKeyAuthenticator(DSLContext dsl, ApiKeyHasher hasher, ApiKeyProperties properties) {
        this.dsl = dsl;
        this.hasher = hasher;
        this.properties = properties;
    }

    public Optional<AuthenticatedKey> authenticate(ApiKeyToken token) {
        // The key and its workspace in one round trip: this runs before every workspace call.
        var joined = dsl.select(API_KEYS.asterisk(), WORKSPACES.asterisk())
                .from(API_KEYS)
                .join(WORKSPACES).on(WORKSPACES.ID.eq(API_KEYS.WORKSPACE_ID))
                .where(API_KEYS.PREFIX.eq(token.prefix()))
                .fetchOne();
        if (joined == null) {
            // Hash anyway so an unknown prefix costs the same time as a wrong secret.
            hasher.matches(token, new byte[32]);
            return Optional.empty();
        }
        var row = joined.into(API_KEYS);
        Workspace workspace = WorkspaceDirectory.toWorkspace(joined);
        OffsetDateTime now = OffsetDateTime.now();
        boolean secretMatches = hasher.matches(token, row.getSecretHash());
        boolean revoked = row.getRevokedAt() != null;
        boolean expired = row.getExpiresAt() != null && !row.getExpiresAt().isAfter(now);
        if (!secretMatches || revoked || expired) {
            return Optional.empty();
        }
        if (row.getLastUsedAt() == null || row.getLastUsedAt().isBefore(now.minus(properties.lastUsedGranularity()))) {
            dsl.update(API_KEYS).set(API_KEYS.LAST_USED_AT, now).where(API_KEYS.ID.eq(row.getId())).execute();
        }
        Set<Scope> scopes = Arrays.stream(row.getScopes()).map(Scope::fromWire)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
        return Optional.of(new AuthenticatedKey(row.getId(), workspace, scopes));
    }
}
