package com.memorylayer.schemas.db;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACE_MEMBERS;

import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Whose a workspace is, where a tenant is counted as one (the gateway's owner bucket, the query service's share of
 * warm runtimes and recall slots): its first owner, the person who made it unless they left.
 */
public final class FirstOwner {

    private FirstOwner() {
    }

    /** @return empty for a workspace no person owns (an operator's) */
    public static Optional<UUID> of(DSLContext dsl, UUID workspaceId) {
        return dsl.select(WORKSPACE_MEMBERS.USER_ID).from(WORKSPACE_MEMBERS)
                .where(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_MEMBERS.ROLE.eq("owner"))
                .orderBy(WORKSPACE_MEMBERS.JOINED_AT, WORKSPACE_MEMBERS.USER_ID).limit(1)
                .fetchOptional(WORKSPACE_MEMBERS.USER_ID);
    }
}
