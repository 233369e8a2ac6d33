package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;

import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.events.ImportedMemory;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recreates an exported memory: its id, content, times, lifecycle, history and notes. Nothing is deduplicated and
 * no history entry is added. What says who wrote it is the import's, not the file's: any write key may send an
 * import, so its {@code source} is {@code import:<run id>}, its history entries and notes are by the importing key
 * under the import's event, and what the file said (source, event ids, actors) is kept beside them as provenance
 * ({@code metadata.import}, each history entry's {@code details.imported}). An id the workspace already holds is
 * refused ({@code rejected:memory_id_taken}), never overwritten; an erased id too ({@code rejected:memory_id_erased}).
 */
public class ImportHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The metadata key that holds what the export file said about the memory's origin. */
    static final String PROVENANCE = "import";

    public Applied apply(WorkspaceTx tx, ImportedMemory memory, float[] vector, String embeddingModel) {
        if (ErasedIds.isErased(tx, memory.id())) {
            return Applied.rejected(memory.id(), ErasedIds.REASON);
        }
        UUID runId = tx.event().data() instanceof IngestItems items ? items.runId() : null;
        Long seq = tx.dsl().insertInto(MEMORIES)
                .set(MEMORIES.ID, memory.id())
                .set(MEMORIES.CONTENT, memory.content())
                .set(MEMORIES.KIND, memory.kind())
                .set(MEMORIES.TAGS, memory.tags().toArray(String[]::new))
                .set(MEMORIES.METADATA, JSONB.valueOf(JSON.writeValueAsString(metadata(memory, runId))))
                .set(MEMORIES.IMPORTANCE, memory.importance())
                .set(MEMORIES.SESSION_ID, memory.sessionId())
                .set(MEMORIES.SOURCE, runId == null ? "import" : "import:" + runId)
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
                    .set(MEMORY_HISTORY.EVENT_ID, tx.event().id())
                    .set(MEMORY_HISTORY.CHANGE, entry.change())
                    .set(MEMORY_HISTORY.OLD_STATUS, entry.oldStatus())
                    .set(MEMORY_HISTORY.NEW_STATUS, entry.newStatus())
                    .set(MEMORY_HISTORY.REASON, entry.reason())
                    .set(MEMORY_HISTORY.OLD_CONTENT, entry.oldContent())
                    .set(MEMORY_HISTORY.DETAILS, JSONB.valueOf(JSON.writeValueAsString(details(entry))))
                    .set(MEMORY_HISTORY.ACTOR_KEY_ID, tx.event().keyId())
                    .set(MEMORY_HISTORY.ACTOR_USER_ID, tx.actorUserId())
                    .set(MEMORY_HISTORY.CHANGED_AT, utc(entry.changedAt()))
                    .execute();
        }
        for (ImportedMemory.Annotation note : memory.annotations()) {
            tx.dsl().insertInto(ANNOTATIONS)
                    .set(ANNOTATIONS.ID, note.id())
                    .set(ANNOTATIONS.MEMORY_ID, memory.id())
                    .set(ANNOTATIONS.NOTE, note.note())
                    .set(ANNOTATIONS.ACTOR_KEY_ID, tx.event().keyId())
                    .set(ANNOTATIONS.ACTOR_USER_ID, tx.actorUserId())
                    .set(ANNOTATIONS.CREATED_AT, utc(note.createdAt()))
                    // A note id the workspace already holds fails the item (as a refused value), never silently.
                    .execute();
        }
        return new Applied(WriteOutcome.STORED, memory.id(), null, List.of(),
                new Applied.StoredMemory(memory.id(), seq, true, WriteOutcome.STORED.wire()));
    }

    /**
     * The file's metadata with what it said about the memory's origin under {@code import}: the run that imported it,
     * the source it claimed, and the authors its notes claimed. A file's own {@code import} key is kept inside, so
     * a memory moved twice keeps its first move's record.
     */
    private static Map<String, Object> metadata(ImportedMemory memory, UUID runId) {
        Map<String, Object> metadata = new LinkedHashMap<>(memory.metadata());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("run_id", runId == null ? null : runId.toString());
        provenance.put("source", memory.source());
        Map<String, Object> noteActors = new LinkedHashMap<>();
        for (ImportedMemory.Annotation note : memory.annotations()) {
            if (note.actorKeyId() != null || note.actorUserId() != null) {
                noteActors.put(note.id().toString(), actors(note.actorKeyId(), note.actorUserId()));
            }
        }
        if (!noteActors.isEmpty()) {
            provenance.put("annotation_actors", noteActors);
        }
        if (metadata.containsKey(PROVENANCE)) {
            provenance.put("earlier", metadata.get(PROVENANCE));
        }
        metadata.put(PROVENANCE, provenance);
        return metadata;
    }

    /** The entry's details with the event id and actors the file claimed under {@code imported}. */
    private static Map<String, Object> details(ImportedMemory.HistoryEntry entry) {
        Map<String, Object> details = new LinkedHashMap<>(entry.details());
        Map<String, Object> claimed = new LinkedHashMap<>(actors(entry.actorKeyId(), entry.actorUserId()));
        claimed.put("event_id", entry.eventId().toString());
        details.put("imported", claimed);
        return details;
    }

    private static Map<String, Object> actors(UUID keyId, UUID userId) {
        Map<String, Object> actors = new LinkedHashMap<>();
        actors.put("actor_key_id", keyId == null ? null : keyId.toString());
        actors.put("actor_user_id", userId == null ? null : userId.toString());
        return actors;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
