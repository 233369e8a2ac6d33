package com.memorylayer.ingest.persistence;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.RememberMemory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes remember commands into one workspace's schema, idempotently: the command's event id goes into
 * {@code applied_events} in the same transaction as the memory, so a redelivered event finds its id there and
 * changes nothing.
 */
@Component
public class MemoryWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext control;
    private final WorkspaceDsl workspaces;

    public MemoryWriter(DSLContext dsl) {
        this.control = dsl;
        this.workspaces = new WorkspaceDsl(dsl);
    }

    /**
     * Which of these workspaces still exist. A workspace deleted after its commands were accepted has no schema
     * left to write into; its commands are skipped rather than retried for ever, which would stall the partition.
     */
    public Set<UUID> existing(Collection<UUID> workspaceIds) {
        return new HashSet<>(control.select(WORKSPACES.ID).from(WORKSPACES).where(WORKSPACES.ID.in(workspaceIds))
                .fetch(WORKSPACES.ID));
    }

    /** The event ids among {@code eventIds} that this workspace has already applied. */
    public Set<UUID> alreadyApplied(UUID workspaceId, Collection<UUID> eventIds) {
        return new HashSet<>(workspaces.in(WorkspaceSchemaName.of(workspaceId))
                .select(APPLIED_EVENTS.EVENT_ID).from(APPLIED_EVENTS)
                .where(APPLIED_EVENTS.EVENT_ID.in(eventIds))
                .fetch(APPLIED_EVENTS.EVENT_ID));
    }

    /**
     * Applies the commands of one workspace in one transaction.
     *
     * @param embeddings one vector per command, in the same order
     */
    public List<StoredMemory> remember(UUID workspaceId, List<AppliedRemember> commands, String embeddingModel) {
        DSLContext dsl = workspaces.in(WorkspaceSchemaName.of(workspaceId));
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            List<StoredMemory> stored = new ArrayList<>(commands.size());
            for (AppliedRemember applied : commands) {
                RememberMemory command = applied.command();
                int fresh = t.insertInto(APPLIED_EVENTS)
                        .set(APPLIED_EVENTS.EVENT_ID, applied.eventId())
                        .set(APPLIED_EVENTS.EVENT_TYPE, RememberMemory.TYPE)
                        .set(APPLIED_EVENTS.MEMORY_ID, command.memoryId())
                        .onConflictDoNothing()
                        .execute();
                if (fresh == 0) {
                    Long seq = t.select(MEMORIES.CHANGE_SEQ).from(MEMORIES).where(MEMORIES.ID.eq(command.memoryId()))
                            .fetchOne(MEMORIES.CHANGE_SEQ);
                    stored.add(new StoredMemory(workspaceId, command.memoryId(), applied.eventId(), seq == null ? -1 : seq, false));
                    continue;
                }
                OffsetDateTime createdAt = command.createdAt().atOffset(ZoneOffset.UTC);
                Long seq = t.insertInto(MEMORIES)
                        .set(MEMORIES.ID, command.memoryId())
                        .set(MEMORIES.CONTENT, command.content())
                        .set(MEMORIES.KIND, command.kind())
                        .set(MEMORIES.TAGS, command.tags().toArray(String[]::new))
                        .set(MEMORIES.METADATA, JSONB.valueOf(JSON.writeValueAsString(command.metadata())))
                        .set(MEMORIES.IMPORTANCE, command.importance())
                        .set(MEMORIES.SESSION_ID, command.sessionId())
                        .set(MEMORIES.SOURCE, command.source())
                        .set(MEMORIES.CONTENT_HASH, sha256(command.content()))
                        .set(MEMORIES.EMBEDDING, VectorCodec.encode(applied.embedding()))
                        .set(MEMORIES.EMBEDDING_MODEL, embeddingModel)
                        .set(MEMORIES.CREATED_AT, createdAt)
                        .set(MEMORIES.UPDATED_AT, createdAt)
                        .onConflictDoNothing()
                        .returning(MEMORIES.CHANGE_SEQ)
                        .fetchOptional()
                        .map(r -> r.get(MEMORIES.CHANGE_SEQ))
                        .orElse(-1L);
                stored.add(new StoredMemory(workspaceId, command.memoryId(), applied.eventId(), seq, seq >= 0));
            }
            return stored;
        });
    }

    private static byte[] sha256(String content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One remember command with its event id and its embedding. */
    public record AppliedRemember(UUID eventId, RememberMemory command, float[] embedding) {
    }
}
