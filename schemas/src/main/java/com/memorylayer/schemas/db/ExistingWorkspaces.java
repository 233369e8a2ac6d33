package com.memorylayer.schemas.db;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Whether a workspace exists, for the services that receive workspace ids from the gateway or the log. Only
 * positive answers are remembered: workspace ids are never reused, so a "yes" stays true until the workspace is
 * deleted — which, when deletion arrives, is announced on the log and must {@link #forget} it.
 */
public final class ExistingWorkspaces {

    private final DSLContext dsl;
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();

    public ExistingWorkspaces(DSLContext dsl) {
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

    public void forget(UUID workspaceId) {
        known.remove(workspaceId);
    }
}
