package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.jooq.workspace_template.Sequences;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;

/** Writes memory rows as the ingest worker would, so recall tests need no Kafka. */
final class StoredMemories {

    private StoredMemories() {
    }

    /** Inserts one embedded memory (with {@code session}, or none if null) and marks its event applied. */
    static UUID insert(DSLContext workspace, TextEmbedder embedder, String content, String session) {
        return insert(workspace, embedder, content, session, Map.of());
    }

    /**
     * The same with other columns set, e.g. {@code MEMORIES.MEMORY_TYPE} or {@code MEMORIES.STATUS} (a forgotten
     * memory needs {@code MEMORIES.FORGOTTEN_AT} too); the rest keep the table's defaults.
     */
    static UUID insert(DSLContext workspace, TextEmbedder embedder, String content, String session, Map<Field<?>, ?> columns) {
        OffsetDateTime now = OffsetDateTime.now();
        UUID id = UUID.randomUUID();
        workspace.insertInto(MEMORIES).set(MEMORIES.ID, id).set(MEMORIES.CONTENT, content).set(MEMORIES.KIND, "note")
                .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "test").set(MEMORIES.SESSION_ID, session)
                .set(MEMORIES.CONTENT_HASH, new byte[] {0})
                .set(MEMORIES.EMBEDDING, VectorCodec.encode(embedder.embed(List.of(content))[0]))
                .set(MEMORIES.EMBEDDING_MODEL, embedder.modelName()).set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now)
                .set(columns)
                .execute();
        workspace.insertInto(APPLIED_EVENTS).set(APPLIED_EVENTS.EVENT_ID, id).set(APPLIED_EVENTS.EVENT_TYPE, "test").execute();
        return id;
    }

    /** Changes columns of a memory as a curation command would: the row takes a new {@code change_seq}. */
    static void change(DSLContext workspace, UUID id, Map<Field<?>, ?> columns) {
        int changed = workspace.update(MEMORIES).set(columns).set(MEMORIES.CHANGE_SEQ, Sequences.MEMORY_CHANGE_SEQ.nextval())
                .where(MEMORIES.ID.eq(id)).execute();
        if (changed != 1) {
            throw new IllegalStateException("no memory " + id);
        }
    }

    /** Erases a memory as the ingest worker does: the row goes and a receipt, taking the next change_seq, stays. */
    static void erase(DSLContext workspace, UUID id) {
        workspace.transaction(tx -> {
            tx.dsl().deleteFrom(MEMORIES).where(MEMORIES.ID.eq(id)).execute();
            tx.dsl().insertInto(ERASURES).set(ERASURES.MEMORY_ID, id).set(ERASURES.EVENT_ID, UUID.randomUUID())
                    .set(ERASURES.ERASED_AT, OffsetDateTime.now()).set(ERASURES.REASON, "test")
                    .set(ERASURES.STORES, new String[] {"postgres"}).set(ERASURES.COMMAND_LOG_UNTIL, OffsetDateTime.now())
                    .execute();
        });
    }
}
