package com.memorylayer.gateway.keys;

import static com.memorylayer.schemas.jooq.control.Tables.API_KEYS;
import static com.memorylayer.schemas.jooq.control.Tables.USERS;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Lists a workspace's keys, newest first, revoked ones included so the dashboard can show what was cut off. */
@Repository
public class ApiKeyDirectory {

    private final DSLContext dsl;

    public ApiKeyDirectory(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<ApiKeyListing> list(UUID workspaceId) {
        return listed(API_KEYS.WORKSPACE_ID.eq(workspaceId));
    }

    /** One key of the workspace as listed, if it is one of its keys. */
    public Optional<ApiKeyListing> find(UUID workspaceId, UUID keyId) {
        return listed(API_KEYS.WORKSPACE_ID.eq(workspaceId).and(API_KEYS.ID.eq(keyId))).stream().findFirst();
    }

    private List<ApiKeyListing> listed(Condition which) {
        return dsl.select(API_KEYS.ID, API_KEYS.PREFIX, API_KEYS.NAME, API_KEYS.SCOPES, API_KEYS.CREATED_AT,
                        API_KEYS.LAST_USED_AT, API_KEYS.EXPIRES_AT, API_KEYS.REVOKED_AT, USERS.LOGIN, API_KEYS.CREATED_BY_KEY)
                .from(API_KEYS)
                .leftJoin(USERS).on(USERS.ID.eq(API_KEYS.CREATED_BY))
                .where(which)
                .orderBy(API_KEYS.CREATED_AT.desc(), API_KEYS.ID)
                .fetch(r -> new ApiKeyListing(r.get(API_KEYS.ID), ApiKeyToken.visiblePrefix(r.get(API_KEYS.PREFIX)), r.get(API_KEYS.NAME),
                        Arrays.asList(r.get(API_KEYS.SCOPES)), r.get(API_KEYS.CREATED_AT), r.get(API_KEYS.LAST_USED_AT),
                        r.get(API_KEYS.EXPIRES_AT), r.get(API_KEYS.REVOKED_AT), r.get(USERS.LOGIN), r.get(API_KEYS.CREATED_BY_KEY)));
    }
}
