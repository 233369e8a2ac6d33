package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.curation.WorkspaceTx.HistoryDetail;
import com.memorylayer.schemas.events.AnnotateMemory;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.util.List;
import java.util.Map;

/** Adds a note beside a memory. The memory itself, its version and the indexes stay as they are. */
class AnnotateHandler {

    Applied apply(WorkspaceTx tx, AnnotateMemory annotate) {
        Long seq = tx.dsl().select(MEMORIES.CHANGE_SEQ).from(MEMORIES).where(MEMORIES.ID.eq(annotate.memoryId()))
                .fetchOne(MEMORIES.CHANGE_SEQ);
        if (seq == null) {
            return Applied.rejected(annotate.memoryId(), "memory_not_found");
        }
        tx.dsl().insertInto(ANNOTATIONS)
                .set(ANNOTATIONS.ID, annotate.annotationId())
                .set(ANNOTATIONS.MEMORY_ID, annotate.memoryId())
                .set(ANNOTATIONS.NOTE, annotate.note())
                .set(ANNOTATIONS.ACTOR_KEY_ID, tx.event().keyId())
                .set(ANNOTATIONS.ACTOR_USER_ID, tx.actorUserId())
                .set(ANNOTATIONS.CREATED_AT, tx.nowUtc())
                .onConflictDoNothing()
                .execute();
        tx.history(annotate.memoryId(), "annotated", HistoryDetail.of(Map.of("annotation_id", annotate.annotationId().toString())));
        return new Applied(WriteOutcome.UPDATED, annotate.memoryId(), null,
                List.of(new Applied.ChangedMemory(annotate.memoryId(), "annotated", WriteOutcome.UPDATED.wire(), seq)), null);
    }
}
