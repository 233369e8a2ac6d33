package com.memorylayer.query.workspace;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Whether a workspace exists; positive answers are kept, since workspace ids are never reused. */
@Component
public class WorkspaceCatalog {

    private final DSLContext dsl;
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();

    public WorkspaceCatalog(DSLContext dsl) {
        this.dsl = dsl;
    }

    public boolean exists(UUID workspaceId) {
        if (known.contains(workspaceId)) {
            return true;
        }
        boolean exists = dsl.fetchExists(WORKSPACES, WORKSPACES.ID.eq(workspaceId));
        if (exists) {
            known.add(workspaceId);
        }
        return exists;
    }
}
