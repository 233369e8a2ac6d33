package com.memorylayer.ingest.persistence;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Whether a workspace still exists. Only positive answers are remembered: a workspace is never re-created
 * under the same id, so a "yes" stays true until deletion, which a later issue will signal through Kafka.
 */
@Component
public class KnownWorkspaces {

    private final DSLContext dsl;
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();

    public KnownWorkspaces(DSLContext dsl) {
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
