package com.memorylayer.query.runtime;

import com.memorylayer.schemas.db.FirstOwner;
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
        return FirstOwner.of(dsl, workspaceId).orElse(workspaceId);
    }
}
