package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.schemas.api.ConsistencyToken;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.web.error.ApiException;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Holds a recall until the write behind its consistency token is applied: the ingest worker records each
 * applied command's event id in the workspace schema in the same transaction as the memory, so once the id is
 * there the memory is too. A token names its workspace, so one of another workspace is refused at once rather
 * than waited on to no end; the wait looks only in this workspace's schema, so no token can probe across tenants.
 */
@Component
class ConsistencyWaiter {

    private static final long POLL_MILLIS = 15;
    private static final String FIELD = "consistency_token";

    private final WorkspaceDsl workspaces;
    private final RecallProperties properties;

    ConsistencyWaiter(WorkspaceDsl workspaces, RecallProperties properties) {
        this.workspaces = workspaces;
        this.properties = properties;
    }

    void await(UUID workspaceId, String token) {
        ConsistencyToken parsed;
        try {
            parsed = ConsistencyToken.decode(token);
        } catch (IllegalArgumentException e) {
            throw ApiException.forField(ErrorCode.INVALID_CONSISTENCY_TOKEN, FIELD,
                    "'consistency_token' is not a token returned by a write");
        }
        if (parsed.belongsElsewhere(workspaceId)) {
            throw ApiException.forField(ErrorCode.CONSISTENCY_TOKEN_OF_ANOTHER_WORKSPACE, FIELD,
                    "'consistency_token' was returned by a write to another workspace; pass one from this workspace");
        }
        DSLContext dsl = workspaces.in(WorkspaceSchemaName.of(workspaceId));
        long deadline = System.nanoTime() + properties.consistencyWait().toNanos();
        while (!dsl.fetchExists(APPLIED_EVENTS, APPLIED_EVENTS.EVENT_ID.eq(parsed.eventId()))) {
            if (System.nanoTime() > deadline) {
                throw new ApiException(ErrorCode.CONSISTENCY_TIMEOUT,
                        "the write for this consistency token is not applied yet; retry the recall",
                        Map.of("waited_ms", properties.consistencyWait().toMillis()));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ErrorCode.CONSISTENCY_TIMEOUT, "interrupted while waiting for the write");
            }
        }
    }
}
