package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.retrieval.embedding.VectorCodec;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Writes memory rows as the ingest worker would, so recall tests need no Kafka. */
final class StoredMemories {

    private StoredMemories() {
    }

    /** Inserts one embedded memory (with {@code session}, or none if null) and marks its event applied. */
    static void insert(DSLContext workspace, TextEmbedder embedder, String content, String session) {
        OffsetDateTime now = OffsetDateTime.now();
        UUID id = UUID.randomUUID();
        workspace.insertInto(MEMORIES).set(MEMORIES.ID, id).set(MEMORIES.CONTENT, content).set(MEMORIES.KIND, "note")
                .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "test").set(MEMORIES.SESSION_ID, session)
                .set(MEMORIES.CONTENT_HASH, new byte[] {0})
                .set(MEMORIES.EMBEDDING, VectorCodec.encode(embedder.embed(List.of(content))[0]))
                .set(MEMORIES.EMBEDDING_MODEL, embedder.modelName()).set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now)
                .execute();
        workspace.insertInto(APPLIED_EVENTS).set(APPLIED_EVENTS.EVENT_ID, id).set(APPLIED_EVENTS.EVENT_TYPE, "test").execute();
    }
}
