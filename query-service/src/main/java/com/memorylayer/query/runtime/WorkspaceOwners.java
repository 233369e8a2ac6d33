package com.memorylayer.query.runtime;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACE_MEMBERS;

import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Whose a workspace is, for sharing the warm runtimes out fairly: its first owner (the person who made it), or the
 * workspace itself when no person owns it (an operator's workspace).
 */
@Component
public class WorkspaceOwners {

    private final DSLContext dsl;

    public WorkspaceOwners(DSLContext dsl) {
        this.dsl = dsl;
    }

    public UUID ownerOf(UUID workspaceId) {
        return dsl.select(WORKSPACE_MEMBERS.USER_ID).from(WORKSPACE_MEMBERS)
                .where(WORKSPACE_MEMBERS.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_MEMBERS.ROLE.eq("owner"))
                .orderBy(WORKSPACE_MEMBERS.JOINED_AT, WORKSPACE_MEMBERS.USER_ID).limit(1)
                .fetchOptional(WORKSPACE_MEMBERS.USER_ID).orElse(workspaceId);
    }
}
