package com.memorylayer.schemas.db;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Whether a workspace exists, for the query service, which receives workspace ids from the gateway. Only
 * positive answers are remembered: workspace ids are never reused, so a "yes" stays true until the workspace is
 * deleted, and a deleted workspace is answered 404 by the gateway before any call reaches here. The ingest worker
 * does not use this cache: it reads from the log, where commands for a deleted workspace may still wait, so it
 * asks Postgres afresh for every batch.
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
