package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.query.error.QueryException;
import com.memorylayer.schemas.api.ConsistencyToken;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Holds a recall until the write behind its consistency token is applied: the ingest worker records each
 * applied command's event id in the workspace schema in the same transaction as the memory, so once the id is
 * there the memory is too. A token of another workspace is never found there, so it cannot probe across tenants.
 */
@Component
class ConsistencyWaiter {

    private static final long POLL_MILLIS = 15;

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
            throw new QueryException(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_CONSISTENCY_TOKEN,
                    "'consistency_token' is not a token returned by remember", Map.of("field", "consistency_token"));
        }
        DSLContext dsl = workspaces.in(WorkspaceSchemaName.of(workspaceId));
        long deadline = System.nanoTime() + properties.consistencyWait().toNanos();
        while (!dsl.fetchExists(APPLIED_EVENTS, APPLIED_EVENTS.EVENT_ID.eq(parsed.eventId()))) {
            if (System.nanoTime() > deadline) {
                throw new QueryException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.CONSISTENCY_TIMEOUT,
                        "the write for this consistency token is not applied yet; retry the recall",
                        Map.of("waited_ms", properties.consistencyWait().toMillis()));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.CONSISTENCY_TIMEOUT,
                        "interrupted while waiting for the write", Map.of());
            }
        }
    }
}
