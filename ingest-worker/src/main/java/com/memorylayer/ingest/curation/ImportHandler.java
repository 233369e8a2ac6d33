package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;

import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.events.ImportedMemory;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recreates an exported memory as it was: its id, times, lifecycle, history and notes. Nothing is deduplicated and
 * no history entry is added, so exporting the imported workspace gives back the same records. An id the workspace
 * already holds is refused ({@code rejected:memory_id_taken}), never overwritten.
 */
public class ImportHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Applied apply(WorkspaceTx tx, ImportedMemory memory, float[] vector, String embeddingModel) {
        Long seq = tx.dsl().insertInto(MEMORIES)
                .set(MEMORIES.ID, memory.id())
                .set(MEMORIES.CONTENT, memory.content())
                .set(MEMORIES.KIND, memory.kind())
                .set(MEMORIES.TAGS, memory.tags().toArray(String[]::new))
                .set(MEMORIES.METADATA, JSONB.valueOf(JSON.writeValueAsString(memory.metadata())))
                .set(MEMORIES.IMPORTANCE, memory.importance())
                .set(MEMORIES.SESSION_ID, memory.sessionId())
                .set(MEMORIES.SOURCE, memory.source() == null ? "import" : memory.source())
                .set(MEMORIES.CONTENT_HASH, RememberHandler.sha256(memory.content()))
                .set(MEMORIES.WORDING_KEY, Wording.key(memory.content()))
                .set(MEMORIES.EMBEDDING, VectorCodec.encode(vector))
                .set(MEMORIES.EMBEDDING_MODEL, embeddingModel)
                .set(MEMORIES.LAYER, memory.layer().wire())
                .set(MEMORIES.MEMORY_TYPE, memory.memoryType().wire())
                .set(MEMORIES.STATUS, memory.status().wire())
                .set(MEMORIES.PINNED, memory.pinned())
                .set(MEMORIES.VERSION, memory.version())
                .set(MEMORIES.MERGED_INTO, memory.mergedInto())
                .set(MEMORIES.SUPERSEDED_BY, memory.supersededBy())
                .set(MEMORIES.FORGOTTEN_AT, utc(memory.forgottenAt()))
                .set(MEMORIES.CREATED_AT, utc(memory.createdAt()))
                .set(MEMORIES.UPDATED_AT, utc(memory.updatedAt()))
                .onConflictDoNothing()
                .returning(MEMORIES.CHANGE_SEQ)
                .fetchOptional()
                .map(r -> r.get(MEMORIES.CHANGE_SEQ))
                .orElse(null);
        if (seq == null) {
            return Applied.rejected(memory.id(), "memory_id_taken");
        }
        for (ImportedMemory.HistoryEntry entry : memory.history()) {
            tx.dsl().insertInto(MEMORY_HISTORY)
                    .set(MEMORY_HISTORY.MEMORY_ID, memory.id())
                    .set(MEMORY_HISTORY.EVENT_ID, entry.eventId())
                    .set(MEMORY_HISTORY.CHANGE, entry.change())
                    .set(MEMORY_HISTORY.OLD_STATUS, entry.oldStatus())
                    .set(MEMORY_HISTORY.NEW_STATUS, entry.newStatus())
                    .set(MEMORY_HISTORY.REASON, entry.reason())
                    .set(MEMORY_HISTORY.OLD_CONTENT, entry.oldContent())
                    .set(MEMORY_HISTORY.DETAILS, JSONB.valueOf(JSON.writeValueAsString(entry.details())))
                    .set(MEMORY_HISTORY.ACTOR_KEY_ID, entry.actorKeyId())
                    .set(MEMORY_HISTORY.ACTOR_USER_ID, entry.actorUserId())
                    .set(MEMORY_HISTORY.CHANGED_AT, utc(entry.changedAt()))
                    .execute();
        }
        for (ImportedMemory.Annotation note : memory.annotations()) {
            tx.dsl().insertInto(ANNOTATIONS)
                    .set(ANNOTATIONS.ID, note.id())
                    .set(ANNOTATIONS.MEMORY_ID, memory.id())
                    .set(ANNOTATIONS.NOTE, note.note())
                    .set(ANNOTATIONS.ACTOR_KEY_ID, note.actorKeyId())
                    .set(ANNOTATIONS.ACTOR_USER_ID, note.actorUserId())
                    .set(ANNOTATIONS.CREATED_AT, utc(note.createdAt()))
                    // A note id the workspace already holds fails the item (as a refused value), never silently.
                    .execute();
        }
        return new Applied(WriteOutcome.STORED, memory.id(), null, List.of(),
                new Applied.StoredMemory(memory.id(), seq, true, WriteOutcome.STORED.wire()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
