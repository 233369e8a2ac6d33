package com.memorylayer.schemas.api;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a write returns so that a later recall can wait for it: the id of the command event, the workspace it was
 * written to and when it was accepted. The ingest worker records every applied event id in the workspace schema,
 * so the query service waits until the id is there. {@link ConsistencyTokens} signs and reads the wire form.
 *
 * @param workspaceId null for a token of the first, unsigned form ({@code v1.})
 * @param issuedAt    null for a token of the unsigned forms ({@code v1.}, {@code v2.})
 */
public record ConsistencyToken(UUID workspaceId, UUID eventId, Instant issuedAt) {

    public ConsistencyToken {
        Objects.requireNonNull(eventId, "eventId");
    }

    /** True when the token was issued for a write to a workspace other than {@code workspace}. */
    public boolean belongsElsewhere(UUID workspace) {
        return workspaceId != null && !workspaceId.equals(workspace);
    }

    /**
     * The unsigned forms of earlier releases: anyone can make one up, so they are honoured only for a write already
     * applied and never waited on.
     */
    public boolean unsigned() {
        return issuedAt == null;
    }
}
