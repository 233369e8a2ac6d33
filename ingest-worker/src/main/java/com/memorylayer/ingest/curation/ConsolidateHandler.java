package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.curation.WorkspaceTx.HistoryDetail;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;

/**
 * The lifecycle pass, without a language model: working memories older than the working TTL or recalled often
 * enough become episodic; important, much-recalled episodic ones become semantic; working and episodic memories
 * never recalled, old and unimportant are forgotten (never pinned ones, and within the restore window they can
 * come back); near-duplicates are merged. Answers what it did, or with a dry run what it would do.
 */
class ConsolidateHandler {

    private static final List<String> LIVE = MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList();

    private final CurationSettings settings;
    private final DedupeHandler dedupe;

    ConsolidateHandler(CurationSettings settings, DedupeHandler dedupe) {
        this.settings = settings;
        this.dedupe = dedupe;
    }

    Applied apply(WorkspaceTx tx, boolean dryRun) {
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dry_run", dryRun);

        Condition toEpisodic = MEMORIES.LAYER.eq(MemoryLayer.WORKING.wire()).and(MEMORIES.STATUS.in(LIVE))
                .and(MEMORIES.CREATED_AT.lt(tx.nowUtc().minus(settings.workingTtl()))
                        .or(MEMORIES.ACCESS_COUNT.ge((long) settings.workingPromoteRecalls())));
        result.put("promoted_to_episodic", move(tx, toEpisodic, MemoryLayer.EPISODIC, dryRun, changes));

        Condition toSemantic = MEMORIES.LAYER.eq(MemoryLayer.EPISODIC.wire()).and(MEMORIES.STATUS.in(LIVE))
                .and(MEMORIES.IMPORTANCE.ge(settings.promoteImportance()))
                .and(MEMORIES.ACCESS_COUNT.ge((long) settings.promoteRecalls()));
        result.put("promoted_to_semantic", move(tx, toSemantic, MemoryLayer.SEMANTIC, dryRun, changes));

        Condition unused = MEMORIES.LAYER.in(MemoryLayer.WORKING.wire(), MemoryLayer.EPISODIC.wire())
                .and(MEMORIES.STATUS.in(LIVE)).and(MEMORIES.PINNED.isFalse()).and(MEMORIES.ACCESS_COUNT.eq(0L))
                .and(MEMORIES.CREATED_AT.lt(tx.nowUtc().minus(settings.forgetAfter())))
                .and(MEMORIES.IMPORTANCE.lt(settings.forgetBelowImportance()));
        List<String> forgotten = new ArrayList<>();
        for (MemoriesRecord row : tx.dsl().selectFrom(MEMORIES).where(unused).fetch()) {
            forgotten.add(row.getId().toString());
            if (!dryRun) {
                changes.addAll(StatusHandler.set(tx, row.getId(), MemoryStatus.of(row.getStatus()), MemoryStatus.FORGOTTEN,
                        "consolidation: never recalled, old and unimportant", null, null, row.getVersion()).changes());
            }
        }
        result.put("forgotten", forgotten);

        Applied merged = dedupe.apply(tx, settings.dedupeThreshold(), settings.maxMerges(), settings.dedupeScanLimit(), dryRun);
        result.put("merged", merged.result().get(dryRun ? "would_merge" : "merged"));
        changes.addAll(merged.changes());
        return new Applied(WriteOutcome.UPDATED, null, result, changes, null);
    }

    private static List<String> move(WorkspaceTx tx, Condition which, MemoryLayer to, boolean dryRun,
            List<Applied.ChangedMemory> changes) {
        List<String> moved = new ArrayList<>();
        for (MemoriesRecord row : tx.dsl().selectFrom(MEMORIES).where(which).fetch()) {
            moved.add(row.getId().toString());
            if (dryRun) {
                continue;
            }
            long seq = tx.dsl().update(MEMORIES).set(MEMORIES.LAYER, to.wire()).set(MEMORIES.VERSION, row.getVersion() + 1)
                    .set(MEMORIES.UPDATED_AT, tx.nowUtc()).set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq())
                    .where(MEMORIES.ID.eq(row.getId())).returning(MEMORIES.CHANGE_SEQ).fetchSingle().get(MEMORIES.CHANGE_SEQ);
            tx.history(row.getId(), "edited", new HistoryDetail(null, null, "consolidation", null,
                    Map.of("layer", Map.of("from", row.getLayer(), "to", to.wire()))));
            changes.add(new Applied.ChangedMemory(row.getId(), "updated", WriteOutcome.UPDATED.wire(), seq));
        }
        return moved;
    }
}
