package com.memorylayer.gateway.ingest;

import static com.memorylayer.schemas.jooq.control.Tables.INGEST_RUNS;
import static com.memorylayer.schemas.jooq.control.Tables.INGEST_RUN_REQUESTS;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.jooq.control.tables.records.IngestRunsRecord;
import com.memorylayer.web.error.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The gateway's side of ingest runs, in the control plane's run ledger: opening a run, numbering a request's items
 * before they go to the log, counting them as accepted once the log holds them, closing. What the items came to is
 * the ingest worker's to record, in the workspace's schema; the query service reads runs back ({@link RunReads}).
 */
@Component
public class IngestRuns {

    private final DSLContext dsl;
    private final IngestProperties properties;
    private final Clock clock;

    IngestRuns(DSLContext dsl, IngestProperties properties, Clock clock) {
        this.dsl = dsl;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens a run whose first request holds {@code firstItems} items (indices 0 to firstItems - 1). */
    void open(WorkspaceCaller caller, UUID id, String kind, String sourceName, String sourceType, int firstItems) {
        OffsetDateTime now = now();
        dsl.insertInto(INGEST_RUNS)
                .set(INGEST_RUNS.ID, id)
                .set(INGEST_RUNS.WORKSPACE_ID, caller.workspace().id())
                .set(INGEST_RUNS.RUN_KIND, kind)
                .set(INGEST_RUNS.SOURCE_NAME, sourceName)
                .set(INGEST_RUNS.SOURCE_TYPE, sourceType)
                .set(INGEST_RUNS.ACTOR_KEY_ID, caller.keyId())
                .set(INGEST_RUNS.ACTOR_USER_ID, caller.userId())
                .set(INGEST_RUNS.NEXT_INDEX, firstItems)
                .set(INGEST_RUNS.STARTED_AT, now)
                .set(INGEST_RUNS.APPENDED_AT, now)
                .set(INGEST_RUNS.IDLE_CLOSE_AT, now.plus(properties.runIdleClose()))
                .execute();
    }

    /**
     * Reserves {@code count} indices in an open run of this kind and returns the first. Reserved before the items go
     * to the log, so no index is ever given twice; a request the log then refuses leaves a gap.
     */
    int reserve(Workspace workspace, UUID runId, String kind, int count) {
        OffsetDateTime now = now();
        Optional<Integer> first = dsl.update(INGEST_RUNS)
                .set(INGEST_RUNS.NEXT_INDEX, INGEST_RUNS.NEXT_INDEX.plus(count))
                .set(INGEST_RUNS.APPENDED_AT, now)
                .set(INGEST_RUNS.IDLE_CLOSE_AT, now.plus(properties.runIdleClose()))
                .where(INGEST_RUNS.ID.eq(runId))
                .and(INGEST_RUNS.WORKSPACE_ID.eq(workspace.id()))
                .and(INGEST_RUNS.RUN_KIND.eq(kind))
                // Open: not closed, and items came in within the idle setting.
                .and(INGEST_RUNS.CLOSED_AT.isNull()).and(INGEST_RUNS.IDLE_CLOSE_AT.gt(now))
                .returning(INGEST_RUNS.NEXT_INDEX)
                .fetchOptional()
                .map(r -> r.get(INGEST_RUNS.NEXT_INDEX) - count);
        if (first.isPresent()) {
            return first.get();
        }
        IngestRunsRecord run = get(workspace, runId);
        if (!run.getRunKind().equals(kind)) {
            throw new ApiException(ErrorCode.RUN_KIND_MISMATCH, "run " + runId + " is an " + run.getRunKind() + " run; it takes "
                    + ("import".equals(run.getRunKind()) ? "export lines through POST /import?run_id=" : "items through POST /ingest/runs/{run_id}/items"));
        }
        throw new ApiException(ErrorCode.RUN_CLOSED, "run " + runId + " is closed; start a new run");
    }

    /** Counts a request as accepted once the log holds it, unless the worker already did (it got there first). */
    void accepted(UUID runId, UUID eventId, int firstIndex, int items) {
        dsl.transaction(c -> {
            int recorded = c.dsl().insertInto(INGEST_RUN_REQUESTS)
                    .set(INGEST_RUN_REQUESTS.EVENT_ID, eventId)
                    .set(INGEST_RUN_REQUESTS.RUN_ID, runId)
                    .set(INGEST_RUN_REQUESTS.FIRST_INDEX, firstIndex)
                    .set(INGEST_RUN_REQUESTS.ITEMS, items)
                    .set(INGEST_RUN_REQUESTS.ACCEPTED_AT, now())
                    .onConflictDoNothing()
                    .execute();
            if (recorded == 1) {
                c.dsl().update(INGEST_RUNS)
                        .set(INGEST_RUNS.ITEMS_ACCEPTED, INGEST_RUNS.ITEMS_ACCEPTED.plus(items))
                        .where(INGEST_RUNS.ID.eq(runId))
                        .execute();
            }
        });
    }

    /** Closes the run (nothing more may be added); closing a closed run changes nothing. */
    void close(Workspace workspace, UUID runId) {
        int closed = dsl.update(INGEST_RUNS)
                .set(INGEST_RUNS.CLOSED_AT, now())
                .where(INGEST_RUNS.ID.eq(runId))
                .and(INGEST_RUNS.WORKSPACE_ID.eq(workspace.id()))
                .and(INGEST_RUNS.CLOSED_AT.isNull())
                .execute();
        if (closed == 0) {
            get(workspace, runId);
        }
    }

    /** The run's ledger row, as the gateway needs it to add to the run. */
    IngestRunsRecord get(Workspace workspace, UUID runId) {
        return dsl.selectFrom(INGEST_RUNS).where(INGEST_RUNS.ID.eq(runId)).and(INGEST_RUNS.WORKSPACE_ID.eq(workspace.id()))
                .fetchOptional().orElseThrow(() -> notFound(runId));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static ApiException notFound(UUID runId) {
        return new ApiException(ErrorCode.RUN_NOT_FOUND, "no ingest run " + runId + " in this workspace");
    }
}
