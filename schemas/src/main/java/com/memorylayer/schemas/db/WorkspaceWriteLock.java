package com.memorylayer.schemas.db;

import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The lock every writer of a workspace's tables takes inside its transaction: the ingest worker applying
 * commands, and an operator rebuilding derived tables. Held until the transaction ends.
 */
public final class WorkspaceWriteLock {

    private WorkspaceWriteLock() {
    }

    public static void lock(DSLContext tx, UUID workspaceId) {
        tx.select(DSL.function("pg_advisory_xact_lock", Object.class,
                DSL.val(workspaceId.getMostSignificantBits() ^ workspaceId.getLeastSignificantBits()))).fetch();
    }
}
