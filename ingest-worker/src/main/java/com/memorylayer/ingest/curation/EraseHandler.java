package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.schemas.events.EraseMemory;
import com.memorylayer.schemas.memory.WriteOutcome;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.topics.TopicSettings;
import java.util.List;

/**
 * Erases a memory now: its row, and with it its vector and text, its annotations and its history (all deleted in
 * this transaction), and its entry in every warm runtime (dropped at the runtime's next refresh, which the receipt's
 * change sequence triggers, before any recall that waits for this command). What cannot be erased here is the
 * command log, which keeps the remember that carried the content until its retention runs out; the receipt says
 * until when.
 */
class EraseHandler {

    /** What an erasure clears, in the receipt's words. */
    static final List<String> STORES = List.of("memories (row, content, metadata)", "vectors", "lexical index",
            "annotations", "history", "warm runtimes");

    private final TopicSettings topics;

    EraseHandler(TopicSettings topics) {
        this.topics = topics;
    }

    Applied apply(WorkspaceTx tx, EraseMemory erase) {
        int deleted = tx.dsl().deleteFrom(MEMORIES).where(MEMORIES.ID.eq(erase.memoryId())).execute();
        if (deleted == 0) {
            return Applied.rejected(erase.memoryId(), "memory_not_found");
        }
        long seq = tx.dsl().insertInto(ERASURES)
                .set(ERASURES.MEMORY_ID, erase.memoryId())
                .set(ERASURES.EVENT_ID, tx.event().id())
                .set(ERASURES.ERASED_AT, tx.nowUtc())
                .set(ERASURES.REASON, erase.reason())
                .set(ERASURES.STORES, STORES.toArray(String[]::new))
                // Every command that carried its content is older than this one; Kafka deletes a segment once its
                // newest record is past retention, so the content is gone by then at the latest.
                .set(ERASURES.COMMAND_LOG_UNTIL, tx.nowUtc().plus(topics.commandRetention())
                        .plus(Topic.MEMORY_COMMANDS.segmentAge()))
                .returning(ERASURES.CHANGE_SEQ).fetchSingle().get(ERASURES.CHANGE_SEQ);
        return new Applied(WriteOutcome.UPDATED, erase.memoryId(), null,
                List.of(new Applied.ChangedMemory(erase.memoryId(), "erased", WriteOutcome.UPDATED.wire(), seq)), null);
    }
}
