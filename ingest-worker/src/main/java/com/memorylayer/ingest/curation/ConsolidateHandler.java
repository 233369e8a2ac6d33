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
import java.util.UUID;
import org.jooq.Condition;

/**
 * The lifecycle pass, without a language model: working memories older than the working TTL or recalled often
 * enough become episodic; important, much-recalled episodic ones become semantic; working and episodic memories
 * never recalled, old and unimportant are forgotten (never pinned ones, and within the restore window they can
 * come back); near-duplicates are merged. Answers what it did, or with a dry run what it would do. It runs on the
 * maintenance consumer ({@link MaintenanceTx}): each rule takes at most {@link MaintenanceTx#maxRows()} memories a
 * pass (the oldest first) and writes them in short transactions; {@code complete} is false when a rule had more, or
 * the pass ran out of time, and the next pass (the schedule's, or one asked for) continues.
 */
class ConsolidateHandler {

    private static final List<String> LIVE = MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList();

    private final CurationSettings settings;
    private final DedupeHandler dedupe;

    ConsolidateHandler(CurationSettings settings, DedupeHandler dedupe) {
        this.settings = settings;
        this.dedupe = dedupe;
    }

    Applied apply(MaintenanceTx m, boolean dryRun) {
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dry_run", dryRun);
        boolean[] complete = {true};

        Condition toEpisodic = MEMORIES.LAYER.eq(MemoryLayer.WORKING.wire()).and(MEMORIES.STATUS.in(LIVE))
                .and(MEMORIES.CREATED_AT.lt(m.startedUtc().minus(settings.workingTtl()))
                        .or(MEMORIES.ACCESS_COUNT.ge((long) settings.workingPromoteRecalls())));
        result.put("promoted_to_episodic", step(m, "promoting to episodic", toEpisodic, dryRun, changes, complete,
                (tx, row) -> move(tx, row, MemoryLayer.EPISODIC)));

        Condition toSemantic = MEMORIES.LAYER.eq(MemoryLayer.EPISODIC.wire()).and(MEMORIES.STATUS.in(LIVE))
                .and(MEMORIES.IMPORTANCE.ge(settings.promoteImportance()))
                .and(MEMORIES.ACCESS_COUNT.ge((long) settings.promoteRecalls()));
        result.put("promoted_to_semantic", step(m, "promoting to semantic", toSemantic, dryRun, changes, complete,
                (tx, row) -> move(tx, row, MemoryLayer.SEMANTIC)));

        Condition unused = MEMORIES.LAYER.in(MemoryLayer.WORKING.wire(), MemoryLayer.EPISODIC.wire())
                .and(MEMORIES.STATUS.in(LIVE)).and(MEMORIES.PINNED.isFalse()).and(MEMORIES.ACCESS_COUNT.eq(0L))
                .and(MEMORIES.CREATED_AT.lt(m.startedUtc().minus(settings.forgetAfter())))
                .and(MEMORIES.IMPORTANCE.lt(settings.forgetBelowImportance()));
        result.put("forgotten", step(m, "forgetting", unused, dryRun, changes, complete,
                (tx, row) -> StatusHandler.set(tx, row.getId(), MemoryStatus.of(row.getStatus()), MemoryStatus.FORGOTTEN,
                        "consolidation: never recalled, old and unimportant", null, null, row.getVersion()).changes()));

        if (m.timeUp()) {
            complete[0] = false;
            result.put("merged", List.of());
        } else {
            Applied merged = dedupe.apply(m, settings.maxMerges(), settings.dedupeScanLimit(), dryRun);
            result.put("merged", merged.result().get(dryRun ? "would_merge" : "merged"));
            complete[0] &= Boolean.TRUE.equals(merged.result().get("complete"));
            changes.addAll(merged.changes());
        }
        result.put("complete", complete[0]);
        return new Applied(WriteOutcome.UPDATED, null, result, changes, null);
    }

    /** What one step changes to one memory, in a write transaction, having read it again there. */
    private interface RowChange {
        List<Applied.ChangedMemory> apply(WorkspaceTx tx, MemoriesRecord row);
    }

    /**
     * One rule over at most {@code maxRows} memories, written in chunks; a memory that no longer meets the rule when
     * its chunk is written is left alone. @return the ids it chose
     */
    private static List<String> step(MaintenanceTx m, String name, Condition which, boolean dryRun,
            List<Applied.ChangedMemory> changes, boolean[] complete, RowChange change) {
        List<UUID> ids = m.read(tx -> tx.dsl().select(MEMORIES.ID).from(MEMORIES).where(which)
                .orderBy(MEMORIES.CREATED_AT, MEMORIES.ID).limit(m.maxRows() + 1).fetch(MEMORIES.ID));
        if (ids.size() > m.maxRows()) {
            complete[0] = false;
            ids = ids.subList(0, m.maxRows());
        }
        List<String> chosen = new ArrayList<>();
        if (dryRun) {
            ids.forEach(id -> chosen.add(id.toString()));
            return chosen;
        }
        m.progress(name, 0, (long) ids.size());
        for (int from = 0; from < ids.size(); from += m.rowsPerTransaction()) {
            if (m.timeUp()) {
                complete[0] = false;
                break;
            }
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + m.rowsPerTransaction()));
            changes.addAll(m.write(tx -> {
                List<Applied.ChangedMemory> changed = new ArrayList<>();
                for (MemoriesRecord row : tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.in(chunk)).and(which).fetch()) {
                    chosen.add(row.getId().toString());
                    changed.addAll(change.apply(tx, row));
                }
                return changed;
            }));
            m.progress(name, from + chunk.size(), (long) ids.size());
        }
        return chosen;
    }

    private static List<Applied.ChangedMemory> move(WorkspaceTx tx, MemoriesRecord row, MemoryLayer to) {
        long seq = tx.dsl().update(MEMORIES).set(MEMORIES.LAYER, to.wire()).set(MEMORIES.VERSION, row.getVersion() + 1)
                .set(MEMORIES.UPDATED_AT, tx.nowUtc()).set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq())
                .where(MEMORIES.ID.eq(row.getId())).returning(MEMORIES.CHANGE_SEQ).fetchSingle().get(MEMORIES.CHANGE_SEQ);
        tx.history(row.getId(), "edited", new HistoryDetail(null, null, "consolidation", null,
                Map.of("layer", Map.of("from", row.getLayer(), "to", to.wire()))));
        return List.of(new Applied.ChangedMemory(row.getId(), "updated", WriteOutcome.UPDATED.wire(), seq));
    }
}
