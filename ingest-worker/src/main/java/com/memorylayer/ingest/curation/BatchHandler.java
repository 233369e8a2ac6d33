package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.curation.WorkspaceTx.HistoryDetail;
import com.memorylayer.schemas.events.BatchChange;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;

/**
 * One change to many memories: a bulk forget (never of pinned memories, nor of forgotten ones again) or the same tag,
 * layer, pin or status change to each. It runs on the maintenance consumer ({@link MaintenanceTx}), after every
 * command its workspace accepted before it, so the batch sees those writes. A pass changes at most
 * {@link MaintenanceTx#maxRows()} memories (the newest first), in transactions of
 * {@link MaintenanceTx#rowsPerTransaction()}; the result says how many matched and how many are left for another
 * pass. A memory whose status may not make the asked change, or that left the selection meanwhile, is left as it is
 * and counted as skipped.
 */
class BatchHandler {

    /** How many of the chosen memories a result shows. */
    static final int SAMPLE = 10;

    Applied apply(MaintenanceTx m, BatchChange batch) {
        m.progress("choosing", 0, null);
        long matched = m.read(tx -> (long) tx.dsl().fetchCount(MEMORIES, chosen(batch)));
        List<MemoriesRecord> first = m.read(tx -> tx.dsl().selectFrom(MEMORIES).where(chosen(batch))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(SAMPLE).fetch());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("matched", matched);
        result.put("sample", first.stream().map(BatchHandler::summary).toList());
        if (batch.dryRun()) {
            result.put("dry_run", true);
            return new Applied(WriteOutcome.UPDATED, null, result, List.of(), null);
        }
        // At most max-rows a pass: the rest stays as it is, and the result says how many are left.
        List<UUID> ids = m.read(tx -> tx.dsl().select(MEMORIES.ID).from(MEMORIES).where(chosen(batch))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(m.maxRows()).fetch(MEMORIES.ID));
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        int[] skipped = {0};
        int done = 0;
        m.progress("changing", 0, (long) ids.size());
        for (int from = 0; from < ids.size() && !m.timeUp(); from += m.rowsPerTransaction()) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + m.rowsPerTransaction()));
            changes.addAll(m.write(tx -> {
                List<Applied.ChangedMemory> changed = new ArrayList<>();
                // Read again under the lock, with the selection: a memory that moved out of it since is left alone.
                List<MemoriesRecord> rows = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.in(chunk)).and(chosen(batch)).fetch();
                skipped[0] += chunk.size() - rows.size();
                for (MemoriesRecord row : rows) {
                    Applied one = batch.forget() ? forget(tx, row, batch.reason()) : change(tx, row, batch);
                    if (one == null) {
                        skipped[0]++;
                    } else {
                        changed.addAll(one.changes());
                    }
                }
                return changed;
            }));
            done += chunk.size();
            m.progress("changing", done, (long) ids.size());
        }
        result.put("changed", changes.size());
        result.put("skipped", skipped[0]);
        result.put("remaining", Math.max(0, matched - done));
        result.put("complete", done >= matched);
        return new Applied(WriteOutcome.UPDATED, null, result, changes, null);
    }

    private static Condition chosen(BatchChange batch) {
        Condition where = batch.ids().isEmpty() ? batch.selection().condition() : MEMORIES.ID.in(batch.ids());
        if (batch.forget()) {
            // Pinned memories are never forgotten in bulk, whatever the selection says.
            where = where.and(MEMORIES.PINNED.isFalse()).and(MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire()));
        }
        return where;
    }

    private static Applied forget(WorkspaceTx tx, MemoriesRecord row, String reason) {
        MemoryStatus from = MemoryStatus.of(row.getStatus());
        return StatusHandler.set(tx, row.getId(), from, MemoryStatus.FORGOTTEN, reason == null ? "bulk forget" : reason,
                null, null, row.getVersion());
    }

    /** @return null when the memory's status does not allow the asked status change */
    private static Applied change(WorkspaceTx tx, MemoriesRecord row, BatchChange batch) {
        MemoryStatus from = MemoryStatus.of(row.getStatus());
        if (batch.status() != null && batch.status() != from && !from.mayBecome(batch.status())) {
            return null;
        }
        if (batch.status() == MemoryStatus.MERGED || batch.status() == MemoryStatus.SUPERSEDED) {
            // Needs a target memory per memory: not something one batch can say.
            return null;
        }
        Set<String> tags = new LinkedHashSet<>(Arrays.asList(row.getTags()));
        tags.addAll(batch.tagsAdd());
        batch.tagsRemove().forEach(tags::remove);
        Map<String, Object> changed = new LinkedHashMap<>();
        var update = tx.dsl().update(MEMORIES).set(MEMORIES.UPDATED_AT, tx.nowUtc());
        if (!List.copyOf(tags).equals(Arrays.asList(row.getTags()))) {
            update = update.set(MEMORIES.TAGS, tags.toArray(String[]::new));
            changed.put("tags", Map.of("from", Arrays.asList(row.getTags()), "to", List.copyOf(tags)));
        }
        if (batch.layer() != null && !batch.layer().wire().equals(row.getLayer())) {
            update = update.set(MEMORIES.LAYER, batch.layer().wire());
            changed.put("layer", Map.of("from", row.getLayer(), "to", batch.layer().wire()));
        }
        if (batch.pinned() != null && !batch.pinned().equals(row.getPinned())) {
            update = update.set(MEMORIES.PINNED, batch.pinned());
            changed.put("pinned", Map.of("from", row.getPinned(), "to", batch.pinned()));
        }
        int version = row.getVersion();
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        if (!changed.isEmpty()) {
            long seq = update.set(MEMORIES.VERSION, ++version).set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq())
                    .where(MEMORIES.ID.eq(row.getId())).returning(MEMORIES.CHANGE_SEQ).fetchSingle().get(MEMORIES.CHANGE_SEQ);
            tx.history(row.getId(), "edited", new HistoryDetail(null, null, batch.reason(), null, changed));
            changes.add(new Applied.ChangedMemory(row.getId(), "updated", WriteOutcome.UPDATED.wire(), seq));
        }
        if (batch.status() != null && batch.status() != from) {
            changes.addAll(StatusHandler.set(tx, row.getId(), from, batch.status(), batch.reason(), null, null, version).changes());
        }
        return new Applied(WriteOutcome.UPDATED, row.getId(), null, changes, null);
    }

    static Map<String, Object> summary(MemoriesRecord row) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", row.getId().toString());
        String content = row.getContent();
        summary.put("content", content.length() > 200 ? content.substring(0, 200) + "…" : content);
        summary.put("status", row.getStatus());
        summary.put("layer", row.getLayer());
        summary.put("memory_type", row.getMemoryType());
        summary.put("created_at", row.getCreatedAt().toString());
        return summary;
    }
}
