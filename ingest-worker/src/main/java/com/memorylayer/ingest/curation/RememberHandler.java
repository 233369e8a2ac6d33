package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.curation.Applied.ChangedMemory;
import com.memorylayer.ingest.curation.Applied.StoredMemory;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a remembered memory, unless it repeats a live one ({@link DuplicateFinder}): then the live one absorbs
 * it and the new id resolves to {@code merged_into:<id>}.
 */
class RememberHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DuplicateFinder duplicates;
    private final MemoryMerge merge;
    RememberHandler(DuplicateFinder duplicates, MemoryMerge merge) {
        this.duplicates = duplicates;
        this.merge = merge;
    }

    Applied apply(WorkspaceTx tx, RememberMemory command, float[] vector, String embeddingModel) {
        if (ErasedIds.isErased(tx, command.memoryId())) {
            // An ingest item naming an erased id: never stored, nor absorbed into a live memory's history.
            return Applied.rejected(command.memoryId(), ErasedIds.REASON);
        }
        if (command.dedupe()) {
            Optional<DuplicateFinder.Match> same = duplicates.closest(tx, command.memoryType(), command.sessionId(), command.content(),
                    vector);
            if (same.isPresent()) {
                long seq = merge.absorbNew(tx, same.get().id(), command.memoryId(), command.content(), command.tags(),
                        command.importance());
                WriteOutcome merged = WriteOutcome.mergedInto(same.get().id());
                return new Applied(merged, command.memoryId(), null,
                        List.of(new ChangedMemory(same.get().id(), "merged", WriteOutcome.UPDATED.wire(), seq)),
                        new StoredMemory(command.memoryId(), seq, false, merged.wire()));
            }
        }
        var createdAt = command.createdAt().atOffset(ZoneOffset.UTC);
        Long seq = tx.dsl().insertInto(MEMORIES)
                .set(MEMORIES.ID, command.memoryId())
                .set(MEMORIES.CONTENT, command.content())
                .set(MEMORIES.KIND, command.kind())
                .set(MEMORIES.TAGS, command.tags().toArray(String[]::new))
                .set(MEMORIES.METADATA, JSONB.valueOf(JSON.writeValueAsString(command.metadata())))
                .set(MEMORIES.IMPORTANCE, command.importance())
                .set(MEMORIES.SESSION_ID, command.sessionId())
                .set(MEMORIES.SOURCE, command.source())
                .set(MEMORIES.CONTENT_HASH, sha256(command.content()))
                // Also when this one was not deduplicated: a later repeat of it should find it.
                .set(MEMORIES.WORDING_KEY, Wording.key(command.content()))
                .set(MEMORIES.EMBEDDING, VectorCodec.encode(vector))
                .set(MEMORIES.EMBEDDING_MODEL, embeddingModel)
                .set(MEMORIES.LAYER, command.layer().wire())
                .set(MEMORIES.MEMORY_TYPE, command.memoryType().wire())
                .set(MEMORIES.PINNED, command.pinned())
                .set(MEMORIES.CREATED_AT, createdAt)
                .set(MEMORIES.UPDATED_AT, createdAt)
                .onConflictDoNothing()
                .returning(MEMORIES.CHANGE_SEQ)
                .fetchOptional()
                .map(r -> r.get(MEMORIES.CHANGE_SEQ))
                .orElse(null);
        if (seq == null) {
            // Another command already used this id: an ingest item or an import naming an id the workspace holds.
            return Applied.rejected(command.memoryId(), "memory_id_taken");
        }
        tx.history(command.memoryId(), "created", WorkspaceTx.HistoryDetail.status(null, MemoryStatus.ACTIVE.wire(), null));
        return new Applied(WriteOutcome.STORED, command.memoryId(), null, List.of(),
                new StoredMemory(command.memoryId(), seq, true, WriteOutcome.STORED.wire()));
    }

    static byte[] sha256(String content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
