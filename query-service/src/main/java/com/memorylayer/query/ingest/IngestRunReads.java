package com.memorylayer.query.ingest;

import static com.memorylayer.schemas.jooq.control.Tables.INGEST_RUNS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUN_ITEMS;

import com.memorylayer.query.reads.WorkspaceReadPool;
import com.memorylayer.schemas.jooq.control.tables.records.IngestRunsRecord;
import com.memorylayer.schemas.jooq.workspace_template.Tables;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import com.memorylayer.schemas.reads.ingest.RunItems;
import java.time.Instant;
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
 * Reads runs back from where they are kept: the ledger (kind, source, who, items accepted, when started, appended,
 * closed) in the control plane, where the gateway writes it; what the items came to, and the applied, merged and
 * rejected counts, in the workspace's schema, where the ingest worker writes them with the memories.
 */
@Component
class IngestRunReads {

    private final WorkspaceReadPool workspaces;

    IngestRunReads(WorkspaceReadPool workspaces) {
        this.workspaces = workspaces;
    }

    /** The run, with its first {@code errors} rejected items (none asked: no list). */
    Optional<IngestRunView> run(UUID workspaceId, UUID runId, Integer errors, Instant now) {
        // The ledger is the control schema's, on the primary server; what the items came to is the workspace's, on its own.
        Optional<IngestRunsRecord> run = workspaces.controlFor(workspaceId).selectFrom(INGEST_RUNS)
                .where(INGEST_RUNS.ID.eq(runId)).and(INGEST_RUNS.WORKSPACE_ID.eq(workspaceId)).fetchOptional();
        return run.map(r -> views(workspaces.in(workspaceId), List.of(r), errors, now).getFirst());
    }

    /** Newest first, after the cursor's run if one is given. */
    List<IngestRunView> list(UUID workspaceId, int limit, Instant afterTime, UUID afterId, Integer errors, Instant now) {
        Condition after = afterTime == null ? DSL.noCondition()
                : DSL.row(INGEST_RUNS.STARTED_AT, INGEST_RUNS.ID).lt(afterTime.atOffset(ZoneOffset.UTC), afterId);
        List<IngestRunsRecord> runs = workspaces.controlFor(workspaceId).selectFrom(INGEST_RUNS)
                .where(INGEST_RUNS.WORKSPACE_ID.eq(workspaceId)).and(after)
                .orderBy(INGEST_RUNS.STARTED_AT.desc(), INGEST_RUNS.ID.desc())
                .limit(limit).fetch();
        return views(workspaces.in(workspaceId), runs, errors, now);
    }

    /**
     * The items' outcomes by index after {@code afterIndex}.
     *
     * @param outcome {@code stored}, {@code merged}, {@code rejected}, or null for all
     */
    List<RunItems.Item> items(UUID workspaceId, UUID runId, String outcome, int afterIndex, int limit) {
        Condition which = outcome == null ? DSL.noCondition() : switch (outcome) {
            case "stored" -> INGEST_RUN_ITEMS.OUTCOME.eq("stored");
            case "merged" -> INGEST_RUN_ITEMS.OUTCOME.startsWith("merged_into:");
            // Every rejected item has a code, and the partial index is on that.
            case "rejected" -> INGEST_RUN_ITEMS.ERROR_CODE.isNotNull();
            default -> throw new IllegalArgumentException(outcome);
        };
        return workspaces.in(workspaceId).select(INGEST_RUN_ITEMS.ITEM_INDEX, INGEST_RUN_ITEMS.MEMORY_ID, INGEST_RUN_ITEMS.OUTCOME,
                        INGEST_RUN_ITEMS.ERROR_CODE, INGEST_RUN_ITEMS.ERROR_MESSAGE)
                .from(INGEST_RUN_ITEMS)
                .where(INGEST_RUN_ITEMS.RUN_ID.eq(runId)).and(INGEST_RUN_ITEMS.ITEM_INDEX.gt(afterIndex)).and(which)
                .orderBy(INGEST_RUN_ITEMS.ITEM_INDEX)
                .limit(limit)
                .fetch(r -> new RunItems.Item(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    boolean exists(UUID workspaceId, UUID runId) {
        return workspaces.controlFor(workspaceId).fetchExists(INGEST_RUNS, INGEST_RUNS.ID.eq(runId), INGEST_RUNS.WORKSPACE_ID.eq(workspaceId));
    }

    private List<IngestRunView> views(DSLContext dsl, List<IngestRunsRecord> runs, Integer errors, Instant now) {
        if (runs.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = runs.stream().map(IngestRunsRecord::getId).toList();
        Map<UUID, RunStatus.Outcomes> outcomes = new HashMap<>();
        var counted = Tables.INGEST_RUNS;
        dsl.select(counted.ID, counted.ITEMS_APPLIED, counted.ITEMS_MERGED, counted.ITEMS_REJECTED, counted.APPLIED_AT)
                .from(counted).where(counted.ID.in(ids))
                .forEach(r -> outcomes.put(r.value1(), new RunStatus.Outcomes(r.value2(), r.value3(), r.value4(), r.value5())));
        // The page reloads every few seconds while a run is unfinished: one query for every run's errors, not one each.
        Map<UUID, List<IngestRunView.RunError>> firstErrors = errors == null ? Map.of() : firstErrors(dsl, ids, errors);
        return runs.stream().map(run -> RunStatus.view(run, outcomes.getOrDefault(run.getId(), RunStatus.Outcomes.NONE),
                errors == null ? null : firstErrors.getOrDefault(run.getId(), List.of()), now)).toList();
    }

    /** The first {@code limit} rejected items of each of these runs, by index. */
    private static Map<UUID, List<IngestRunView.RunError>> firstErrors(DSLContext dsl, List<UUID> runIds, int limit) {
        Field<Integer> rank = DSL.rowNumber().over(DSL.partitionBy(INGEST_RUN_ITEMS.RUN_ID).orderBy(INGEST_RUN_ITEMS.ITEM_INDEX))
                .as("rank");
        var ranked = DSL.select(INGEST_RUN_ITEMS.RUN_ID, INGEST_RUN_ITEMS.ITEM_INDEX, INGEST_RUN_ITEMS.ERROR_CODE,
                        INGEST_RUN_ITEMS.ERROR_MESSAGE, rank)
                .from(INGEST_RUN_ITEMS)
                .where(INGEST_RUN_ITEMS.RUN_ID.in(runIds)).and(INGEST_RUN_ITEMS.ERROR_CODE.isNotNull())
                .asTable("ranked");
        Map<UUID, List<IngestRunView.RunError>> errors = new HashMap<>();
        if (limit == 0) {
            return errors;
        }
        dsl.selectFrom(ranked)
                .where(ranked.field(rank).le(limit))
                .orderBy(ranked.field(INGEST_RUN_ITEMS.RUN_ID), ranked.field(INGEST_RUN_ITEMS.ITEM_INDEX))
                .forEach(r -> errors.computeIfAbsent(r.get(INGEST_RUN_ITEMS.RUN_ID), id -> new ArrayList<>())
                        .add(new IngestRunView.RunError(r.get(INGEST_RUN_ITEMS.ITEM_INDEX), r.get(INGEST_RUN_ITEMS.ERROR_CODE),
                                r.get(INGEST_RUN_ITEMS.ERROR_MESSAGE))));
        return errors;
    }
}
