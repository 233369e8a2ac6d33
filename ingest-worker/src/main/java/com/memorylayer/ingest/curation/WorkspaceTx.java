package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_HISTORY;

import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.jooq.workspace_template.Sequences;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

/**
 * One command being applied inside its workspace's transaction: the transaction, the command's envelope and the
 * moment it is applied. Everything a command changes, and the history entry saying so, commits or rolls back
 * together.
 *
 * @param actorUserId the signed-in person behind the command, or null for a key or the worker itself
 */
public record WorkspaceTx(DSLContext dsl, UUID workspaceId, EventEnvelope event, UUID actorUserId, Instant now) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public OffsetDateTime nowUtc() {
        return now.atOffset(ZoneOffset.UTC);
    }

    /** The next change sequence: a changed row takes one, so warm runtimes reading "changed since N" see it. */
    public Field<Long> nextChangeSeq() {
        return Sequences.MEMORY_CHANGE_SEQ.nextval();
    }

    /** One entry in a memory's history, by this command's key or person. */
    public void history(UUID memoryId, String change, HistoryDetail detail) {
        dsl.insertInto(MEMORY_HISTORY)
                .set(MEMORY_HISTORY.MEMORY_ID, memoryId)
                .set(MEMORY_HISTORY.EVENT_ID, event.id())
                .set(MEMORY_HISTORY.CHANGE, change)
                .set(MEMORY_HISTORY.OLD_STATUS, detail.oldStatus())
                .set(MEMORY_HISTORY.NEW_STATUS, detail.newStatus())
                .set(MEMORY_HISTORY.REASON, detail.reason())
                .set(MEMORY_HISTORY.OLD_CONTENT, detail.oldContent())
                .set(MEMORY_HISTORY.DETAILS, JSONB.valueOf(JSON.writeValueAsString(detail.details())))
                .set(MEMORY_HISTORY.ACTOR_KEY_ID, event.keyId())
                .set(MEMORY_HISTORY.ACTOR_USER_ID, actorUserId)
                .set(MEMORY_HISTORY.CHANGED_AT, nowUtc())
                .execute();
    }

    /** What a history entry says beside its kind of change; any part may be null. */
    public record HistoryDetail(String oldStatus, String newStatus, String reason, String oldContent,
            Map<String, Object> details) {

        public HistoryDetail {
            details = details == null ? Map.of() : details;
        }

        public static HistoryDetail of(Map<String, Object> details) {
            return new HistoryDetail(null, null, null, null, details);
        }

        public static HistoryDetail status(String from, String to, String reason) {
            return new HistoryDetail(from, to, reason, null, Map.of());
        }
    }
}
