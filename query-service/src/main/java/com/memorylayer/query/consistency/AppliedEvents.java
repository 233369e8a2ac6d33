package com.memorylayer.query.consistency;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Which command events the ingest worker has applied in a workspace: it records each one's id in the same
 * transaction as its effect, so an id found here means the write is visible. Only the workspace's own schema is
 * read, so no token can probe another tenant.
 */
@Component
class AppliedEvents {

    private final WorkspaceDsl workspaces;

    AppliedEvents(WorkspaceDsl workspaces) {
        this.workspaces = workspaces;
    }

    boolean applied(UUID workspaceId, UUID eventId) {
        return workspaces.in(WorkspaceSchemaName.of(workspaceId)).fetchExists(APPLIED_EVENTS, APPLIED_EVENTS.EVENT_ID.eq(eventId));
    }

    Set<UUID> appliedAmong(UUID workspaceId, Collection<UUID> eventIds) {
        return new HashSet<>(workspaces.in(WorkspaceSchemaName.of(workspaceId))
                .select(APPLIED_EVENTS.EVENT_ID).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.in(eventIds))
                .fetch(APPLIED_EVENTS.EVENT_ID));
    }
}
