package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;

import com.memorylayer.ingest.curation.WorkspaceTx.HistoryDetail;
import com.memorylayer.schemas.events.ChangeStatus;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves a memory to another status when its current one allows it ({@link MemoryStatus#next()}), forgets it, or
 * restores a forgotten one to the status it had before, within the restore window. The gateway checks the same
 * rules when the request comes in; this is where they hold, in the order the commands were accepted.
 */
class StatusHandler {

    private final CurationSettings settings;

    StatusHandler(CurationSettings settings) {
        this.settings = settings;
    }

    Applied apply(WorkspaceTx tx, ChangeStatus change) {
        var row = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.eq(change.memoryId())).fetchOptional().orElse(null);
        if (row == null) {
            return Applied.rejected(change.memoryId(), "memory_not_found");
        }
        MemoryStatus current = MemoryStatus.of(row.getStatus());
        if (change.restore()) {
            if (current != MemoryStatus.FORGOTTEN) {
                return Applied.rejected(change.memoryId(), "not_forgotten");
            }
            if (row.getForgottenAt().toInstant().plus(settings.restoreWindow()).isBefore(tx.now())) {
                return Applied.rejected(change.memoryId(), "restore_window_ended");
            }
            return set(tx, change.memoryId(), current, statusBeforeForgetting(tx, change.memoryId()), change.reason(),
                    null, null, row.getVersion());
        }
        MemoryStatus wanted = change.status();
        if (!current.mayBecome(wanted)) {
            return Applied.rejected(change.memoryId(), "invalid_transition");
        }
        UUID target = wanted == MemoryStatus.MERGED ? change.mergedInto()
                : wanted == MemoryStatus.SUPERSEDED ? change.supersededBy() : null;
        if ((wanted == MemoryStatus.MERGED || wanted == MemoryStatus.SUPERSEDED) && !isLiveOther(tx, target, change.memoryId())) {
            return Applied.rejected(change.memoryId(), wanted == MemoryStatus.MERGED ? "merge_target_invalid" : "successor_invalid");
        }
        return set(tx, change.memoryId(), current, wanted, change.reason(),
                wanted == MemoryStatus.MERGED ? target : null, wanted == MemoryStatus.SUPERSEDED ? target : null,
                row.getVersion());
    }

    /** Sets a status within a transaction that already read the memory; also used by batches and consolidation. */
    static Applied set(WorkspaceTx tx, UUID memoryId, MemoryStatus from, MemoryStatus to, String reason, UUID mergedInto,
            UUID supersededBy, int version) {
        // A forgotten memory keeps what it was merged into or superseded by, so a restore brings both back; a memory
        // made live again no longer points anywhere.
        boolean clearsPointers = to != MemoryStatus.FORGOTTEN && to != MemoryStatus.MERGED && to != MemoryStatus.SUPERSEDED;
        var update = tx.dsl().update(MEMORIES)
                .set(MEMORIES.STATUS, to.wire())
                .set(MEMORIES.FORGOTTEN_AT, to == MemoryStatus.FORGOTTEN ? tx.nowUtc() : null);
        if (mergedInto != null || clearsPointers) {
            update = update.set(MEMORIES.MERGED_INTO, mergedInto);
        }
        if (supersededBy != null || clearsPointers) {
            update = update.set(MEMORIES.SUPERSEDED_BY, supersededBy);
        }
        long seq = update
                .set(MEMORIES.VERSION, version + 1)
                .set(MEMORIES.UPDATED_AT, tx.nowUtc())
                .set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq())
                .where(MEMORIES.ID.eq(memoryId))
                .returning(MEMORIES.CHANGE_SEQ).fetchSingle().get(MEMORIES.CHANGE_SEQ);
        Map<String, Object> details = new LinkedHashMap<>();
        if (mergedInto != null) {
            details.put("merged_into", mergedInto.toString());
        }
        if (supersededBy != null) {
            details.put("superseded_by", supersededBy.toString());
        }
        tx.history(memoryId, "status", new HistoryDetail(from.wire(), to.wire(), reason, null, details));
        return new Applied(WriteOutcome.UPDATED, memoryId, null,
                List.of(new Applied.ChangedMemory(memoryId, "status", WriteOutcome.UPDATED.wire(), seq)), null);
    }

    private static boolean isLiveOther(WorkspaceTx tx, UUID target, UUID self) {
        if (target == null || target.equals(self)) {
            return false;
        }
        return tx.dsl().select(MEMORIES.STATUS).from(MEMORIES).where(MEMORIES.ID.eq(target)).fetchOptional(MEMORIES.STATUS)
                .flatMap(MemoryStatus::fromWire).filter(MemoryStatus::isLive).isPresent();
    }

    /** The status the memory had when it was last forgotten; active if the history does not say. */
    private static MemoryStatus statusBeforeForgetting(WorkspaceTx tx, UUID memoryId) {
        Optional<String> before = tx.dsl().select(MEMORY_HISTORY.OLD_STATUS).from(MEMORY_HISTORY)
                .where(MEMORY_HISTORY.MEMORY_ID.eq(memoryId)).and(MEMORY_HISTORY.NEW_STATUS.eq(MemoryStatus.FORGOTTEN.wire()))
                .orderBy(MEMORY_HISTORY.ID.desc()).limit(1).fetchOptional(MEMORY_HISTORY.OLD_STATUS);
        return before.flatMap(MemoryStatus::fromWire).filter(s -> s != MemoryStatus.FORGOTTEN).orElse(MemoryStatus.ACTIVE);
    }
}
