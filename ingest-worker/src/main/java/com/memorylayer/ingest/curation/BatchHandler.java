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
import org.jooq.Condition;

/**
 * One change to many memories, in the one transaction its workspace's commands share: a bulk forget (never of
 * pinned memories, nor of forgotten ones again) or the same tag, layer, pin or status change to each. The
 * memories are chosen when the command is applied, so the batch sees every write accepted before it. A memory
 * whose status may not make the asked change is left as it is and counted as skipped.
 */
class BatchHandler {

    /** How many of the chosen memories a result shows. */
    static final int SAMPLE = 10;

    Applied apply(WorkspaceTx tx, BatchChange batch) {
        List<MemoriesRecord> chosen = tx.dsl().selectFrom(MEMORIES).where(chosen(batch))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).fetch();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("matched", chosen.size());
        result.put("sample", chosen.stream().limit(SAMPLE).map(BatchHandler::summary).toList());
        if (batch.dryRun()) {
            result.put("dry_run", true);
            return new Applied(WriteOutcome.UPDATED, null, result, List.of(), null);
        }
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        int skipped = 0;
        for (MemoriesRecord row : chosen) {
            Applied one = batch.forget() ? forget(tx, row, batch.reason()) : change(tx, row, batch);
            if (one == null) {
                skipped++;
            } else {
                changes.addAll(one.changes());
            }
        }
        result.put("changed", changes.size());
        result.put("skipped", skipped);
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
