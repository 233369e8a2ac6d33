package com.memorylayer.gateway.keys;

import static com.memorylayer.schemas.jooq.control.Tables.API_KEYS;

import com.memorylayer.gateway.access.Scope;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/** Creates API keys; stores the prefix and the hash, hands the clear token back once. */
@Service
public class ApiKeyIssuer {

    private final DSLContext dsl;
    private final ApiKeyHasher hasher;

    public ApiKeyIssuer(DSLContext dsl, ApiKeyHasher hasher) {
        this.dsl = dsl;
        this.hasher = hasher;
    }

    public IssuedApiKey issue(UUID workspaceId, String name, Set<Scope> scopes, OffsetDateTime expiresAt) {
        return issue(workspaceId, name, scopes, expiresAt, null);
    }

    /** @param createdBy the person who made the key, or null for one made by an operator or another key */
    public IssuedApiKey issue(UUID workspaceId, String name, Set<Scope> scopes, OffsetDateTime expiresAt,
            UUID createdBy) {
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
                .execute();
        return new IssuedApiKey(id, workspaceId, name, token, EnumSet.copyOf(scopes));
    }

    /**
     * Revokes a key of this workspace; the next request with it is refused, since every request reads the key.
     *
     * @return false when the workspace has no such key; revoking a revoked key again is not an error
     */
    public boolean revoke(UUID workspaceId, UUID keyId) {
        dsl.update(API_KEYS).set(API_KEYS.REVOKED_AT, OffsetDateTime.now())
                .where(API_KEYS.ID.eq(keyId)).and(API_KEYS.WORKSPACE_ID.eq(workspaceId)).and(API_KEYS.REVOKED_AT.isNull())
                .execute();
        return dsl.fetchExists(API_KEYS, API_KEYS.ID.eq(keyId).and(API_KEYS.WORKSPACE_ID.eq(workspaceId)));
    }
}
