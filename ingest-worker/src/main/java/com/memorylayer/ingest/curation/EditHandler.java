package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.curation.WorkspaceTx.HistoryDetail;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.events.EditMemory;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.JSONB;
import org.jooq.UpdateSetMoreStep;
import tools.jackson.databind.json.JsonMapper;

/**
 * Edits a memory's fields. A new content arrives with its new embedding, so every index has the new text at the
 * next refresh; the old content goes into the history, as does every other field's old and new value.
 */
class EditHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    Applied apply(WorkspaceTx tx, EditMemory edit, float[] vector, String embeddingModel) {
        var row = tx.dsl().selectFrom(MEMORIES).where(MEMORIES.ID.eq(edit.memoryId())).fetchOptional().orElse(null);
        if (row == null) {
            return Applied.rejected(edit.memoryId(), "memory_not_found");
        }
        if (MemoryStatus.FORGOTTEN.wire().equals(row.getStatus())) {
            return Applied.rejected(edit.memoryId(), "memory_forgotten");
        }
        if (edit.ifVersion() != null && edit.ifVersion().intValue() != row.getVersion().intValue()) {
            return Applied.rejected(edit.memoryId(), "version_conflict");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        UpdateSetMoreStep<?> update = tx.dsl().update(MEMORIES).set(MEMORIES.VERSION, row.getVersion() + 1)
                .set(MEMORIES.UPDATED_AT, tx.nowUtc()).set(MEMORIES.CHANGE_SEQ, tx.nextChangeSeq());
        String oldContent = null;
        if (edit.content() != null && !edit.content().equals(row.getContent())) {
            oldContent = row.getContent();
            update = update.set(MEMORIES.CONTENT, edit.content())
                    .set(MEMORIES.CONTENT_HASH, RememberHandler.sha256(edit.content()))
                    .set(MEMORIES.WORDING_KEY, Wording.key(edit.content()))
                    .set(MEMORIES.EMBEDDING, VectorCodec.encode(vector))
                    .set(MEMORIES.EMBEDDING_MODEL, embeddingModel);
            changed.put("content", Map.of("changed", true));
        }
        List<String> tags = tags(row.getTags(), edit);
        if (!tags.equals(Arrays.asList(row.getTags()))) {
            update = update.set(MEMORIES.TAGS, tags.toArray(String[]::new));
            changed.put("tags", change(Arrays.asList(row.getTags()), tags));
        }
        if (edit.kind() != null && !edit.kind().equals(row.getKind())) {
            update = update.set(MEMORIES.KIND, edit.kind());
            changed.put("kind", change(row.getKind(), edit.kind()));
        }
        if (edit.metadata() != null) {
            String json = JSON.writeValueAsString(edit.metadata());
            if (!JSON.readTree(json).equals(JSON.readTree(row.getMetadata().data()))) {
                update = update.set(MEMORIES.METADATA, JSONB.valueOf(json));
                changed.put("metadata", change(JSON.readValue(row.getMetadata().data(), Map.class), edit.metadata()));
            }
        }
        if (edit.importance() != null && edit.importance().doubleValue() != row.getImportance().doubleValue()) {
            update = update.set(MEMORIES.IMPORTANCE, edit.importance());
            changed.put("importance", change(row.getImportance(), edit.importance()));
        }
        if (edit.layer() != null && !edit.layer().wire().equals(row.getLayer())) {
            update = update.set(MEMORIES.LAYER, edit.layer().wire());
            changed.put("layer", change(row.getLayer(), edit.layer().wire()));
        }
        if (edit.memoryType() != null && !edit.memoryType().wire().equals(row.getMemoryType())) {
            update = update.set(MEMORIES.MEMORY_TYPE, edit.memoryType().wire());
            changed.put("memory_type", change(row.getMemoryType(), edit.memoryType().wire()));
        }
        if (edit.pinned() != null && !edit.pinned().equals(row.getPinned())) {
            update = update.set(MEMORIES.PINNED, edit.pinned());
            changed.put("pinned", change(row.getPinned(), edit.pinned()));
        }
        if (edit.sessionId() != null && !edit.sessionId().equals(row.getSessionId())) {
            update = update.set(MEMORIES.SESSION_ID, edit.sessionId());
            changed.put("session_id", change(row.getSessionId(), edit.sessionId()));
        }
        if (changed.isEmpty()) {
            // Nothing differs: the memory, its version and the indexes stay as they are.
            return new Applied(WriteOutcome.UPDATED, edit.memoryId(), null, List.of(), null);
        }
        long seq = update.where(MEMORIES.ID.eq(edit.memoryId())).returning(MEMORIES.CHANGE_SEQ).fetchSingle()
                .get(MEMORIES.CHANGE_SEQ);
        tx.history(edit.memoryId(), "edited", new HistoryDetail(null, null, null, oldContent, changed));
        return Applied.changed(edit.memoryId(), "edited", seq);
    }

    private static List<String> tags(String[] current, EditMemory edit) {
        Set<String> tags = new LinkedHashSet<>(edit.tags() != null ? edit.tags() : Arrays.asList(current));
        tags.addAll(edit.tagsAdd());
        edit.tagsRemove().forEach(tags::remove);
        return List.copyOf(tags);
    }

    private static Map<String, Object> change(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", Objects.requireNonNullElse(to, ""));
        return change;
    }
}
