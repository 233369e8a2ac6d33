package com.memorylayer.ingest.bulk;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUNS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUN_ITEMS;

import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.jooq.control.tables.IngestRunRequests;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStep7;
import org.jooq.impl.DSL;

/**
 * The worker's side of a run's bookkeeping, always inside the transaction that applies the items it counts: which
 * items are done, what each came to, and the run's counters. The run's ledger (accepted requests and items) is in
 * the control plane, on the primary Postgres server, written in a transaction of its own ({@link #acceptInLedger}).
 */
final class RunCounts {

    /** The control plane's run ledger, which the gateway writes; the worker's own counts stay in the workspace's schema. */
    private static final com.memorylayer.schemas.jooq.control.tables.IngestRuns LEDGER = com.memorylayer.schemas.jooq.control.Tables.INGEST_RUNS;
    private static final IngestRunRequests LEDGER_REQUESTS = com.memorylayer.schemas.jooq.control.Tables.INGEST_RUN_REQUESTS;

    private RunCounts() {
    }

    /** What one item came to. @param errorCode and errorMessage only for a rejected item */
    record ItemOutcome(UUID runId, int index, UUID eventId, String eventType, UUID memoryId, WriteOutcome outcome,
            String errorCode, String errorMessage) {
    }

    /**
     * Counts a request as accepted in the run's ledger unless the gateway (or an earlier delivery) already did: the
     * gateway records a request once the log holds it, but may die first. The ledger (runs, accepted requests) is the
     * control plane's, where the gateway keeps it, and so on the primary Postgres server, which need not be the
     * workspace's: this runs in a transaction of its own on {@code control}. A run missing there is made from what
     * the request says of it, closed at once (no gateway knows it to add to it). A request is counted at most once
     * (its event id is the key), so running this again after a crash changes nothing.
     */
    static void acceptInLedger(DSLContext control, EventEnvelope event, IngestItems request) {
        OffsetDateTime at = event.time().atOffset(ZoneOffset.UTC);
        control.insertInto(LEDGER)
                .set(LEDGER.ID, request.runId())
                .set(LEDGER.WORKSPACE_ID, event.workspace())
                .set(LEDGER.RUN_KIND, request.runKind())
                .set(LEDGER.SOURCE_NAME, request.sourceName())
                .set(LEDGER.SOURCE_TYPE, request.sourceType())
                .set(LEDGER.ACTOR_KEY_ID, event.keyId())
                .set(LEDGER.ACTOR_USER_ID, request.actorUserId())
                .set(LEDGER.STARTED_AT, at)
                .set(LEDGER.APPENDED_AT, at)
                .set(LEDGER.IDLE_CLOSE_AT, at)
                .onConflictDoNothing()
                .execute();
        int first = request.items().isEmpty() ? 0 : request.items().getFirst().index();
        int recorded = control.insertInto(LEDGER_REQUESTS)
                .set(LEDGER_REQUESTS.EVENT_ID, event.id())
                .set(LEDGER_REQUESTS.RUN_ID, request.runId())
                .set(LEDGER_REQUESTS.FIRST_INDEX, first)
                .set(LEDGER_REQUESTS.ITEMS, request.items().size())
                .set(LEDGER_REQUESTS.ACCEPTED_AT, at)
                .onConflictDoNothing()
                .execute();
        if (recorded == 1) {
            int next = request.items().isEmpty() ? 0 : request.items().getLast().index() + 1;
            control.update(LEDGER)
                    .set(LEDGER.ITEMS_ACCEPTED, LEDGER.ITEMS_ACCEPTED.plus(request.items().size()))
                    .set(LEDGER.NEXT_INDEX, DSL.greatest(LEDGER.NEXT_INDEX, DSL.val(next)))
                    .where(LEDGER.ID.eq(request.runId()))
                    .execute();
        }
    }

    /** Makes the run's row in the workspace's schema, which holds what its items came to, unless there is one. */
    static void open(DSLContext workspace, EventEnvelope event, IngestItems request) {
        OffsetDateTime at = event.time().atOffset(ZoneOffset.UTC);
        workspace.insertInto(INGEST_RUNS)
                .set(INGEST_RUNS.ID, request.runId())
                .set(INGEST_RUNS.RUN_KIND, request.runKind())
                .set(INGEST_RUNS.SOURCE_NAME, request.sourceName())
                .set(INGEST_RUNS.SOURCE_TYPE, request.sourceType())
                .set(INGEST_RUNS.ACTOR_KEY_ID, event.keyId())
                .set(INGEST_RUNS.ACTOR_USER_ID, request.actorUserId())
                .set(INGEST_RUNS.STARTED_AT, at)
                .set(INGEST_RUNS.APPENDED_AT, at)
                .onConflictDoNothing()
                .execute();
    }

    /** An item of a run. */
    record ItemKey(UUID runId, int index) {
    }

    /** Which of these items already came to an outcome: one query, whatever runs they belong to. */
    static Set<ItemKey> done(DSLContext dsl, List<ItemKey> items) {
        if (items.isEmpty()) {
            return Set.of();
        }
        Map<UUID, List<Integer>> byRun = new LinkedHashMap<>();
        items.forEach(item -> byRun.computeIfAbsent(item.runId(), r -> new ArrayList<>()).add(item.index()));
        Condition any = DSL.falseCondition();
        for (Map.Entry<UUID, List<Integer>> run : byRun.entrySet()) {
            any = any.or(INGEST_RUN_ITEMS.RUN_ID.eq(run.getKey()).and(INGEST_RUN_ITEMS.ITEM_INDEX.in(run.getValue())));
        }
        return new HashSet<>(dsl.select(INGEST_RUN_ITEMS.RUN_ID, INGEST_RUN_ITEMS.ITEM_INDEX).from(INGEST_RUN_ITEMS).where(any)
                .fetch(r -> new ItemKey(r.value1(), r.value2())));
    }

    /**
     * Records the items' outcomes, each also as an applied event (so a merged or refused item's memory id says what
     * it came to, as a remember's does), and adds them to their runs' counters: a few statements for the lot.
     */
    static void record(DSLContext dsl, List<ItemOutcome> outcomes, OffsetDateTime at) {
        if (outcomes.isEmpty()) {
            return;
        }
        InsertValuesStep7<?, UUID, Integer, UUID, String, String, String, OffsetDateTime> items = dsl.insertInto(INGEST_RUN_ITEMS,
                INGEST_RUN_ITEMS.RUN_ID, INGEST_RUN_ITEMS.ITEM_INDEX, INGEST_RUN_ITEMS.MEMORY_ID, INGEST_RUN_ITEMS.OUTCOME,
                INGEST_RUN_ITEMS.ERROR_CODE, INGEST_RUN_ITEMS.ERROR_MESSAGE, INGEST_RUN_ITEMS.APPLIED_AT);
        InsertValuesStep4<?, UUID, String, UUID, String> events = dsl.insertInto(APPLIED_EVENTS,
                APPLIED_EVENTS.EVENT_ID, APPLIED_EVENTS.EVENT_TYPE, APPLIED_EVENTS.MEMORY_ID, APPLIED_EVENTS.OUTCOME);
        Map<UUID, long[]> perRun = new LinkedHashMap<>();
        for (ItemOutcome o : outcomes) {
            items = items.values(o.runId(), o.index(), o.memoryId(), o.outcome().wire(), o.errorCode(), o.errorMessage(), at);
            events = events.values(o.eventId(), o.eventType(), o.memoryId(), o.outcome().wire());
            long[] counts = perRun.computeIfAbsent(o.runId(), r -> new long[3]);
            counts[o.outcome().isRejected() ? 2 : o.outcome().mergedInto() != null ? 1 : 0]++;
        }
        items.execute();
        events.onConflictDoNothing().execute();
        perRun.forEach((run, counts) -> dsl.update(INGEST_RUNS)
                .set(INGEST_RUNS.ITEMS_APPLIED, INGEST_RUNS.ITEMS_APPLIED.plus(counts[0]))
                .set(INGEST_RUNS.ITEMS_MERGED, INGEST_RUNS.ITEMS_MERGED.plus(counts[1]))
                .set(INGEST_RUNS.ITEMS_REJECTED, INGEST_RUNS.ITEMS_REJECTED.plus(counts[2]))
                .set(INGEST_RUNS.APPLIED_AT, at)
                .where(INGEST_RUNS.ID.eq(run))
                .execute());
    }
}
