package com.memorylayer.schemas.db;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.DSLContext;

/**
 * Which Postgres server each workspace lives on, read from the control schema ({@code workspaces.postgres_server}).
 * A placement is set when the workspace is created and never changes while it lives, and workspace ids are never
 * reused, so an answer is kept for good; a workspace with no row (not yet or no longer there) is answered
 * {@link PostgresServers#PRIMARY} and not kept, and its statements then fail as they would on one server.
 */
public final class WorkspacePlacements {

    private final DSLContext control;
    private final ConcurrentMap<UUID, String> known = new ConcurrentHashMap<>();

    /** @param control a context on the primary server, where the control schema is */
    public WorkspacePlacements(DSLContext control) {
        this.control = control;
    }

    public String serverOf(UUID workspaceId) {
        String server = known.get(workspaceId);
        if (server != null) {
            return server;
        }
        // Concurrent first reads of one workspace (a burst of its recalls) ask once, not each on a pooled connection.
        String placed = known.computeIfAbsent(workspaceId, id -> control.select(WORKSPACES.POSTGRES_SERVER).from(WORKSPACES)
                .where(WORKSPACES.ID.eq(id)).fetchOne(WORKSPACES.POSTGRES_SERVER));
        return placed == null ? PostgresServers.PRIMARY : placed;
    }

    /** Forgets a deleted workspace's placement. */
    public void forget(UUID workspaceId) {
        known.remove(workspaceId);
    }
}
