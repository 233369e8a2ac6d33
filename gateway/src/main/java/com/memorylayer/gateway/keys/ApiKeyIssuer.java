package com.memorylayer.gateway.keys;

import static com.memorylayer.schemas.jooq.control.Tables.API_KEYS;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Creates API keys; stores the prefix and the hash, hands the clear token back once. */
@Service
public class ApiKeyIssuer {

    private final DSLContext dsl;
    private final ApiKeyHasher hasher;
    private final CachedKeyRows rows;

    @Autowired
    public ApiKeyIssuer(DSLContext dsl, ApiKeyHasher hasher, CachedKeyRows rows) {
        this.dsl = dsl;
        this.hasher = hasher;
        this.rows = rows;
    }

    /**
     * For operators' tools, which run outside any gateway: the trigger's notice tells every gateway of what they
     * revoke.
     */
    public ApiKeyIssuer(DSLContext dsl, ApiKeyHasher hasher) {
        this(dsl, hasher, null);
    }

    public IssuedApiKey issue(UUID workspaceId, String name, Set<Scope> scopes, OffsetDateTime expiresAt) {
        return issue(workspaceId, name, scopes, expiresAt, null);
    }

    /** @param createdBy the person who made the key, or null for one made by an operator */
    public IssuedApiKey issue(UUID workspaceId, String name, Set<Scope> scopes, OffsetDateTime expiresAt,
            UUID createdBy) {
        return issue(workspaceId, name, scopes, expiresAt, createdBy, null);
    }

    /** @param createdByKey the key that made this one, which it is revoked with; null for a person or an operator */
    public IssuedApiKey issue(UUID workspaceId, String name, Set<Scope> scopes, OffsetDateTime expiresAt,
            UUID createdBy, UUID createdByKey) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        ApiKeyToken token = ApiKeyToken.generate();
        UUID id = UUID.randomUUID();
        dsl.insertInto(API_KEYS)
                .set(API_KEYS.ID, id)
                .set(API_KEYS.WORKSPACE_ID, workspaceId)
                .set(API_KEYS.PREFIX, token.prefix())
                .set(API_KEYS.NAME, name)
                .set(API_KEYS.SECRET_HASH, hasher.hash(token))
                .set(API_KEYS.SCOPES, scopes.stream().map(Scope::wireName).sorted().toArray(String[]::new))
                .set(API_KEYS.EXPIRES_AT, expiresAt)
                .set(API_KEYS.CREATED_BY, createdBy)
                .set(API_KEYS.CREATED_BY_KEY, createdByKey)
                .execute();
        return new IssuedApiKey(id, workspaceId, name, token, EnumSet.copyOf(scopes));
    }

    /**
     * Revokes a key of this workspace; the next request with it is refused. This gateway forgets its kept key rows
     * once the revocation is committed; the others on the trigger's notice, a moment later.
     *
     * @return false when the workspace has no such key; revoking a revoked key again is not an error
     */
    public boolean revoke(UUID workspaceId, UUID keyId) {
        if (!dsl.fetchExists(API_KEYS, API_KEYS.ID.eq(keyId).and(API_KEYS.WORKSPACE_ID.eq(workspaceId)))) {
            return false;
        }
        // The key and every key made from it, at any depth: what a leaked key made goes with it.
        OffsetDateTime now = OffsetDateTime.now();
        Set<UUID> level = Set.of(keyId);
        Set<UUID> seen = new HashSet<>(level);
        while (!level.isEmpty()) {
            dsl.update(API_KEYS).set(API_KEYS.REVOKED_AT, now)
                    .where(API_KEYS.ID.in(level)).and(API_KEYS.WORKSPACE_ID.eq(workspaceId)).and(API_KEYS.REVOKED_AT.isNull())
                    .execute();
            level = new HashSet<>(dsl.select(API_KEYS.ID).from(API_KEYS)
                    .where(API_KEYS.CREATED_BY_KEY.in(level)).and(API_KEYS.WORKSPACE_ID.eq(workspaceId))
                    .fetch(API_KEYS.ID));
            level.removeAll(seen);
            seen.addAll(level);
        }
        if (rows != null) {
            rows.forgetAll();
        }
        return true;
    }

    /**
     * Refuses a new key once the workspace holds {@code max} that still work (neither revoked nor expired); keys are
     * free and each has its own rate limit. Operators' tools issue without this check.
     */
    public void requireRoom(UUID workspaceId, int max) {
        int active = dsl.fetchCount(API_KEYS, API_KEYS.WORKSPACE_ID.eq(workspaceId).and(API_KEYS.REVOKED_AT.isNull())
                .and(API_KEYS.EXPIRES_AT.isNull().or(API_KEYS.EXPIRES_AT.gt(OffsetDateTime.now()))));
        if (active >= max) {
            throw new ApiException(ErrorCode.KEY_LIMIT, "the workspace holds " + active
                    + " active keys, as many as it may; revoke one first");
        }
    }

    /** When the key stops working by itself; empty for a key without an expiry. */
    public Optional<OffsetDateTime> expiryOf(UUID keyId) {
        return dsl.select(API_KEYS.EXPIRES_AT).from(API_KEYS).where(API_KEYS.ID.eq(keyId))
                .fetchOptional(API_KEYS.EXPIRES_AT);
    }
}
