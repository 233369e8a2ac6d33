package com.memorylayer.ingest.persistence;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which workspaces exist and which commands each has applied: what the worker asks before it applies a batch.
 * Every applied command's event id is in its workspace's {@code applied_events}, written in the same transaction
 * as its effect, so a redelivered command is recognised and changes nothing.
 */
@Component
public class WorkspaceLedger {

    private final DSLContext control;
    private final WorkspaceDsl workspaces;

    /** Every workspace on the one server {@code dsl} reaches. */
    public WorkspaceLedger(DSLContext dsl) {
        this(dsl, new WorkspaceDsl(dsl));
    }

    /**
     * @param dsl        a context on the primary Postgres server, where the control schema is
     * @param workspaces each workspace's schema, on the server it is placed on
     */
    @Autowired
    public WorkspaceLedger(DSLContext dsl, WorkspaceDsl workspaces) {
        this.control = dsl;
        this.workspaces = workspaces;
    }

    /** The workspace's schema, on its own server, for one of its transactions. */
    public DSLContext in(UUID workspaceId) {
        return workspaces.in(WorkspaceSchemaName.of(workspaceId));
    }

    /**
     * The control schema. A workspace may live on another server than the control schema, so nothing written here
     * can share a transaction with the workspace's own rows.
     */
    public DSLContext control() {
        return control;
    }

    /**
     * Which of these workspaces still exist. A workspace deleted after its commands were accepted has no schema
     * left to write into; its commands are skipped rather than retried for ever, which would stall the partition.
     */
    public Set<UUID> existing(Collection<UUID> workspaceIds) {
        return new HashSet<>(control.select(WORKSPACES.ID).from(WORKSPACES).where(WORKSPACES.ID.in(workspaceIds))
                .fetch(WORKSPACES.ID));
    }

    /**
     * Takes the workspace's write lock for the rest of the transaction. The worker has two writers (interactive
     * commands and bulk runs, each on its own consumer), and a warm runtime reads "everything changed since N": if
     * two transactions of one workspace could interleave, one could commit a lower {@code change_seq} after a reader
     * had already seen a higher one, and its rows would never be read. Serialised per workspace, sequence values
     * become visible in the order they were taken.
     */
    public static void lockWrites(DSLContext tx, UUID workspaceId) {
        com.memorylayer.schemas.db.WorkspaceWriteLock.lock(tx, workspaceId);
    }

    /** Every workspace's id, for the worker's scheduled passes. */
    public Set<UUID> all() {
        return new HashSet<>(control.select(WORKSPACES.ID).from(WORKSPACES).fetch(WORKSPACES.ID));
    }

    /** The event ids among {@code eventIds} that this workspace has already applied. */
    public Set<UUID> alreadyApplied(UUID workspaceId, Collection<UUID> eventIds) {
        return new HashSet<>(in(workspaceId)
                .select(APPLIED_EVENTS.EVENT_ID).from(APPLIED_EVENTS)
                .where(APPLIED_EVENTS.EVENT_ID.in(eventIds))
                .fetch(APPLIED_EVENTS.EVENT_ID));
    }
}
