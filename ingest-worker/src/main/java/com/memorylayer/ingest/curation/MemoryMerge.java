package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.curation.WorkspaceTx.HistoryDetail;
import com.memorylayer.schemas.memory.MemoryStatus;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One memory absorbing another: the kept one takes the union of the tags, the higher importance and the sum of the
 * recalls; the other is either a new memory never stored (a duplicate caught on write) or an existing one that
 * becomes {@code merged} into the kept one. Both say so in their history; nothing is dropped silently.
 */
public class MemoryMerge {

    /** The kept memory's new change sequence after absorbing a memory that is not stored. */
    public long absorbNew(WorkspaceTx tx, UUID keeper, UUID absorbed, String content, List<String> tags, double importance) {
        var row = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.eq(keeper)).fetchSingle();
        Set<String> union = new LinkedHashSet<>(Arrays.asList(row.getTags()));
        union.addAll(tags);
        long seq = tx.dsl().update(MEMORIES)
                .set(MEMORIES.TAGS, union.toArray(String[]::new))
                .set(MEMORIES.IMPORTANCE, Math.max(row.getImportance(), importance))
                .set(MEMORIES.VERSION, row.getVersion() + 1)
                .set(MEMORIES.UPDATED_AT, tx.nowUtc())
                .set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq())
                .where(MEMORIES.ID.eq(keeper))
                .returning(MEMORIES.CHANGE_SEQ).fetchSingle().get(MEMORIES.CHANGE_SEQ);
        tx.history(keeper, "absorbed", HistoryDetail.of(Map.of("absorbed_id", absorbed.toString(),
                "absorbed_content", content)));
        return seq;
    }

    /** Merges {@code loser} into {@code keeper}; both must be live. @return the two new change sequences */
    public long[] merge(WorkspaceTx tx, UUID keeper, UUID loser, double similarity) {
        var kept = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.eq(keeper)).fetchSingle();
        var merged = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.eq(loser)).fetchSingle();
        Set<String> union = new LinkedHashSet<>(Arrays.asList(kept.getTags()));
        union.addAll(Arrays.asList(merged.getTags()));
        long keptSeq = tx.dsl().update(MEMORIES)
                .set(MEMORIES.TAGS, union.toArray(String[]::new))
                .set(MEMORIES.IMPORTANCE, Math.max(kept.getImportance(), merged.getImportance()))
                .set(MEMORIES.ACCESS_COUNT, kept.getAccessCount() + merged.getAccessCount())
                .set(MEMORIES.VERSION, kept.getVersion() + 1)
                .set(MEMORIES.UPDATED_AT, tx.nowUtc())
                .set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq())
                .where(MEMORIES.ID.eq(keeper))
                .returning(MEMORIES.CHANGE_SEQ).fetchSingle().get(MEMORIES.CHANGE_SEQ);
        long mergedSeq = tx.dsl().update(MEMORIES)
                .set(MEMORIES.STATUS, MemoryStatus.MERGED.wire())
                .set(MEMORIES.MERGED_INTO, keeper)
                .set(MEMORIES.VERSION, merged.getVersion() + 1)
                .set(MEMORIES.UPDATED_AT, tx.nowUtc())
                .set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq())
                .where(MEMORIES.ID.eq(loser))
                .returning(MEMORIES.CHANGE_SEQ).fetchSingle().get(MEMORIES.CHANGE_SEQ);
        String reason = String.format("repeat: the same wording (cosine %.3f)", similarity);
        tx.history(keeper, "absorbed", new HistoryDetail(null, null, reason, null, Map.of("absorbed_id", loser.toString())));
        tx.history(loser, "status", new HistoryDetail(merged.getStatus(), MemoryStatus.MERGED.wire(), reason, null,
                Map.of("merged_into", keeper.toString())));
        return new long[] {keptSeq, mergedSeq};
    }

    /**
     * Which of two duplicates to keep: the more important, then the longer (it says more), then the older.
     * @return true when {@code first} is kept
     */
    public boolean keepsFirst(WorkspaceTx tx, UUID first, UUID second) {
        var a = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.eq(first)).fetchSingle();
        var b = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.eq(second)).fetchSingle();
        if (a.getImportance() != b.getImportance()) {
            return a.getImportance() > b.getImportance();
        }
        if (a.getContent().length() != b.getContent().length()) {
            return a.getContent().length() > b.getContent().length();
        }
        return !a.getCreatedAt().isAfter(b.getCreatedAt());
    }
}
