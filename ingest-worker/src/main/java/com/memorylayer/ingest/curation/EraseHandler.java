package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;

import com.memorylayer.schemas.events.EraseMemory;
import com.memorylayer.schemas.memory.WriteOutcome;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.topics.TopicSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Erases a memory now: its row, and with it its vector and text, its annotations and its history (all deleted in
 * this transaction), and its entry in every warm runtime (dropped at the runtime's next refresh, which the receipt's
 * change sequence triggers, before any recall that waits for this command). Copies of its text elsewhere in the
 * workspace go in the same transaction: the samples of batch previews and bulk forgets ({@code GET /commands/{id}}),
 * the text a kept memory's history holds of it when it was absorbed as a duplicate on write (so an absorbed id can be
 * erased too), and the memories {@code extract_patterns} derived from it (erased with it, each with its receipt).
 * What cannot be erased here are the topics that carried the content ({@link Topic#holdsContent()}), which keep it
 * until their retention runs out; the receipt names them and until when. An erased id is never written again
 * ({@link ErasedIds}).
 */
class EraseHandler {

    /** What an erasure clears, in the receipt's words. */
    static final List<String> STORES = List.of("memories (row, content, metadata)", "vectors", "lexical index",
            "annotations", "history", "warm runtimes", "command results' samples (GET /commands/{id})",
            "kept memories' history of it as an absorbed duplicate");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TopicSettings topics;

    EraseHandler(TopicSettings topics) {
        this.topics = topics;
    }

    Applied apply(WorkspaceTx tx, EraseMemory erase) {
        UUID id = erase.memoryId();
        if (ErasedIds.isErased(tx, id)) {
            // Erased already (two erasures on the log at once): an id has one receipt.
            return Applied.rejected(id, "memory_not_found");
        }
        // Read before the row goes: what was derived from it is erased with it.
        List<UUID> derived = tx.dsl().select(MEMORIES.ID).from(MEMORIES).where(derivedFrom(id)).and(MEMORIES.ID.ne(id))
                .fetch(MEMORIES.ID);
        int deleted = tx.dsl().deleteFrom(MEMORIES).where(MEMORIES.ID.eq(id)).execute();
        int absorbed = scrubAbsorbed(tx, id);
        if (deleted == 0 && absorbed == 0) {
            return Applied.rejected(id, "memory_not_found");
        }
        CommandSamples.scrub(tx.dsl(), id);
        List<String> cleared = new ArrayList<>(STORES);
        if (!derived.isEmpty()) {
            cleared.add("memories derived from it, erased with it: " + derived);
        }
        List<Applied.ChangedMemory> changes = new ArrayList<>();
        changes.add(new Applied.ChangedMemory(id, "erased", WriteOutcome.UPDATED.wire(), receipt(tx, id, erase.reason(), cleared)));
        for (UUID copy : derived) {
            tx.dsl().deleteFrom(MEMORIES).where(MEMORIES.ID.eq(copy)).execute();
            CommandSamples.scrub(tx.dsl(), copy);
            List<String> its = new ArrayList<>(STORES);
            its.add("derived from erased memory " + id);
            changes.add(new Applied.ChangedMemory(copy, "erased", WriteOutcome.UPDATED.wire(),
                    receipt(tx, copy, "derived from erased memory " + id + ": " + erase.reason(), its)));
        }
        return new Applied(WriteOutcome.UPDATED, id, null, changes, null);
    }

    private long receipt(WorkspaceTx tx, UUID id, String reason, List<String> cleared) {
        return tx.dsl().insertInto(ERASURES)
                .set(ERASURES.MEMORY_ID, id)
                .set(ERASURES.EVENT_ID, tx.event().id())
                .set(ERASURES.ERASED_AT, tx.nowUtc())
                .set(ERASURES.REASON, reason)
                .set(ERASURES.STORES, cleared.toArray(String[]::new))
                // Every command that carried its content is older than this one; Kafka deletes a segment once its
                // newest record is past retention, so the content is gone by then at the latest. The bulk topic
                // has the command log's retention and segment age, so one time holds for both.
                .set(ERASURES.COMMAND_LOG_UNTIL, tx.nowUtc().plus(topics.commandRetention())
                        .plus(Topic.MEMORY_COMMANDS.segmentAge()))
                .returning(ERASURES.CHANGE_SEQ).fetchSingle().get(ERASURES.CHANGE_SEQ);
    }

    /** Memories whose {@code metadata.derived_from} names {@code id} (an array of ids, or one id as a string). */
    private static Condition derivedFrom(UUID id) {
        return DSL.condition("({0} -> 'derived_from') @> {1}::jsonb", MEMORIES.METADATA, DSL.val(JSON.writeValueAsString(id.toString())));
    }

    /**
     * A duplicate absorbed on write was never stored, but the kept memory's history holds its text: that text goes,
     * the entry stays (the absorption happened) and says its text was erased.
     *
     * @return how many entries held its text
     */
    private static int scrubAbsorbed(WorkspaceTx tx, UUID id) {
        var entries = tx.dsl().select(MEMORY_HISTORY.ID, MEMORY_HISTORY.DETAILS).from(MEMORY_HISTORY)
                .where(MEMORY_HISTORY.CHANGE.eq("absorbed"))
                .and(DSL.condition("{0} @> {1}::jsonb", MEMORY_HISTORY.DETAILS,
                        DSL.val(JSON.writeValueAsString(Map.of("absorbed_id", id.toString())))))
                .fetch();
        int scrubbed = 0;
        for (var entry : entries) {
            ObjectNode details = (ObjectNode) JSON.readTree(entry.get(MEMORY_HISTORY.DETAILS).data());
            JsonNode text = details.get("absorbed_content");
            if (text == null || CommandSamples.ERASED.equals(text.asString(""))) {
                continue;
            }
            details.put("absorbed_content", CommandSamples.ERASED);
            tx.dsl().update(MEMORY_HISTORY).set(MEMORY_HISTORY.DETAILS, JSONB.valueOf(JSON.writeValueAsString(details)))
                    .where(MEMORY_HISTORY.ID.eq(entry.get(MEMORY_HISTORY.ID))).execute();
            scrubbed++;
        }
        return scrubbed;
    }
}
