package com.memorylayer.gateway.ingest;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUNS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUN_ITEMS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUN_REQUESTS;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.IngestRunsRecord;
import com.memorylayer.web.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The gateway's side of ingest runs, in the workspace's schema: opening a run, numbering a request's items before
 * they go to the log, counting them as accepted once the log holds them, closing; and reading runs and their
 * items' outcomes, which the ingest worker records.
 */
@Component
public class IngestRuns {

    private final WorkspaceDsl workspaces;
    private final IngestProperties properties;
    private final Clock clock;

    IngestRuns(DSLContext dsl, WorkspaceDsl workspaces, IngestProperties properties, Clock clock) {
        this.workspaces = workspaces;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The newest runs as the API shows them, each with its first rejected items: for the dashboard's runs page.
     */
    public List<Map<String, Object>> recentViews(Workspace workspace, int limit) {
        Instant now = clock.instant();
        List<IngestRunsRecord> runs = list(workspace, limit, null, null);
        // The page reloads every few seconds while a run is unfinished: one query for every run's errors, not one each.
        Map<UUID, List<ItemOutcome>> errors = firstErrors(workspace, runs.stream().map(IngestRunsRecord::getId).toList(),
                properties.errorsShown());
        return runs.stream()
                .map(run -> RunView.of(run, errors.getOrDefault(run.getId(), List.of()), now, properties.runIdleClose()))
                .toList();
    }

    /** The first {@code limit} rejected items of each of these runs, by index. */
    private Map<UUID, List<ItemOutcome>> firstErrors(Workspace workspace, List<UUID> runIds, int limit) {
        Field<Integer> rank = DSL.rowNumber().over(DSL.partitionBy(INGEST_RUN_ITEMS.RUN_ID).orderBy(INGEST_RUN_ITEMS.ITEM_INDEX))
                .as("rank");
        var ranked = DSL.select(INGEST_RUN_ITEMS.RUN_ID, INGEST_RUN_ITEMS.ITEM_INDEX, INGEST_RUN_ITEMS.MEMORY_ID,
                        INGEST_RUN_ITEMS.OUTCOME, INGEST_RUN_ITEMS.ERROR_CODE, INGEST_RUN_ITEMS.ERROR_MESSAGE, rank)
                .from(INGEST_RUN_ITEMS)
                .where(INGEST_RUN_ITEMS.RUN_ID.in(runIds)).and(INGEST_RUN_ITEMS.ERROR_CODE.isNotNull())
                .asTable("ranked");
        Map<UUID, List<ItemOutcome>> errors = new HashMap<>();
        dsl(workspace).selectFrom(ranked)
                .where(ranked.field(rank).le(limit))
                .orderBy(ranked.field(INGEST_RUN_ITEMS.RUN_ID), ranked.field(INGEST_RUN_ITEMS.ITEM_INDEX))
                .forEach(r -> errors.computeIfAbsent(r.get(INGEST_RUN_ITEMS.RUN_ID), id -> new ArrayList<>())
                        .add(new ItemOutcome(r.get(INGEST_RUN_ITEMS.ITEM_INDEX), r.get(INGEST_RUN_ITEMS.MEMORY_ID),
                                r.get(INGEST_RUN_ITEMS.OUTCOME), r.get(INGEST_RUN_ITEMS.ERROR_CODE), r.get(INGEST_RUN_ITEMS.ERROR_MESSAGE))));
        return errors;
    }

    /** One item's outcome. @param code and message only for a rejected item */
    record ItemOutcome(int index, UUID memoryId, String outcome, String code, String message) {
    }

    /** Opens a run whose first request holds {@code firstItems} items (indices 0 to firstItems - 1). */
    void open(WorkspaceCaller caller, UUID id, String kind, String sourceName, String sourceType, int firstItems) {
        OffsetDateTime now = now();
        dsl(caller.workspace()).insertInto(INGEST_RUNS)
                .set(INGEST_RUNS.ID, id)
                .set(INGEST_RUNS.RUN_KIND, kind)
                .set(INGEST_RUNS.SOURCE_NAME, sourceName)
                .set(INGEST_RUNS.SOURCE_TYPE, sourceType)
                .set(INGEST_RUNS.ACTOR_KEY_ID, caller.keyId())
                .set(INGEST_RUNS.ACTOR_USER_ID, caller.userId())
                .set(INGEST_RUNS.NEXT_INDEX, firstItems)
                .set(INGEST_RUNS.STARTED_AT, now)
                .set(INGEST_RUNS.APPENDED_AT, now)
                .execute();
    }

    /**
     * Reserves {@code count} indices in an open run of this kind and returns the first. Reserved before the items go
     * to the log, so no index is ever given twice; a request the log then refuses leaves a gap.
     */
    int reserve(Workspace workspace, UUID runId, String kind, int count) {
        OffsetDateTime now = now();
        Optional<Integer> first = dsl(workspace).update(INGEST_RUNS)
                .set(INGEST_RUNS.NEXT_INDEX, INGEST_RUNS.NEXT_INDEX.plus(count))
                .set(INGEST_RUNS.APPENDED_AT, now)
                .where(INGEST_RUNS.ID.eq(runId))
                .and(INGEST_RUNS.RUN_KIND.eq(kind))
                .and(isOpen(now))
                .returning(INGEST_RUNS.NEXT_INDEX)
                .fetchOptional()
                .map(r -> r.get(INGEST_RUNS.NEXT_INDEX) - count);
        if (first.isPresent()) {
            return first.get();
        }
        IngestRunsRecord run = find(workspace, runId).orElseThrow(() -> notFound(runId));
        if (!run.getRunKind().equals(kind)) {
            throw new ApiException(ErrorCode.RUN_KIND_MISMATCH, "run " + runId + " is an " + run.getRunKind() + " run; it takes "
                    + ("import".equals(run.getRunKind()) ? "export lines through POST /import?run_id=" : "items through POST /ingest/runs/{run_id}/items"));
        }
        throw new ApiException(ErrorCode.RUN_CLOSED, "run " + runId + " is closed; start a new run");
    }

    /** Counts a request as accepted once the log holds it, unless the worker already did (it got there first). */
    void accepted(Workspace workspace, UUID runId, UUID eventId, int firstIndex, int items) {
        dsl(workspace).transaction(c -> {
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
    IngestRunsRecord close(Workspace workspace, UUID runId) {
        OffsetDateTime now = now();
        dsl(workspace).update(INGEST_RUNS)
                .set(INGEST_RUNS.CLOSED_AT, now)
                .where(INGEST_RUNS.ID.eq(runId))
                .and(INGEST_RUNS.CLOSED_AT.isNull())
                .execute();
        return find(workspace, runId).orElseThrow(() -> notFound(runId));
    }

    Optional<IngestRunsRecord> find(Workspace workspace, UUID runId) {
        return dsl(workspace).selectFrom(INGEST_RUNS).where(INGEST_RUNS.ID.eq(runId)).fetchOptional();
    }

    IngestRunsRecord get(Workspace workspace, UUID runId) {
        return find(workspace, runId).orElseThrow(() -> notFound(runId));
    }

    /** Newest first, after the cursor's run if one is given. */
    List<IngestRunsRecord> list(Workspace workspace, int limit, Instant afterTime, UUID afterId) {
        Condition after = afterTime == null ? DSL.noCondition()
                : DSL.row(INGEST_RUNS.STARTED_AT, INGEST_RUNS.ID).lt(afterTime.atOffset(ZoneOffset.UTC), afterId);
        return dsl(workspace).selectFrom(INGEST_RUNS).where(after)
                .orderBy(INGEST_RUNS.STARTED_AT.desc(), INGEST_RUNS.ID.desc())
                .limit(limit).fetch();
    }

    /** The first rejected items, by index. */
    List<ItemOutcome> errors(Workspace workspace, UUID runId, int limit) {
        return items(workspace, runId, "rejected", -1, limit);
    }

    /**
     * The items' outcomes by index after {@code afterIndex}.
     *
     * @param outcome {@code stored}, {@code merged}, {@code rejected}, or null for all
     */
    List<ItemOutcome> items(Workspace workspace, UUID runId, String outcome, int afterIndex, int limit) {
        Condition which = outcome == null ? DSL.noCondition() : switch (outcome) {
            case "stored" -> INGEST_RUN_ITEMS.OUTCOME.eq("stored");
            case "merged" -> INGEST_RUN_ITEMS.OUTCOME.startsWith("merged_into:");
            // Every rejected item has a code, and the partial index is on that.
            case "rejected" -> INGEST_RUN_ITEMS.ERROR_CODE.isNotNull();
            default -> throw new IllegalArgumentException(outcome);
        };
        return dsl(workspace).select(INGEST_RUN_ITEMS.ITEM_INDEX, INGEST_RUN_ITEMS.MEMORY_ID, INGEST_RUN_ITEMS.OUTCOME,
                        INGEST_RUN_ITEMS.ERROR_CODE, INGEST_RUN_ITEMS.ERROR_MESSAGE)
                .from(INGEST_RUN_ITEMS)
                .where(INGEST_RUN_ITEMS.RUN_ID.eq(runId)).and(INGEST_RUN_ITEMS.ITEM_INDEX.gt(afterIndex)).and(which)
                .orderBy(INGEST_RUN_ITEMS.ITEM_INDEX)
                .limit(limit)
                .fetch(r -> new ItemOutcome(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Open: not closed, and items came in within the idle setting. */
    private Condition isOpen(OffsetDateTime now) {
        return INGEST_RUNS.CLOSED_AT.isNull().and(INGEST_RUNS.APPENDED_AT.gt(now.minus(properties.runIdleClose())));
    }

    private DSLContext dsl(Workspace workspace) {
        return workspaces.in(workspace.schema());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static ApiException notFound(UUID runId) {
        return new ApiException(ErrorCode.RUN_NOT_FOUND, "no ingest run " + runId + " in this workspace");
    }
}
