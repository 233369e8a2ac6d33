package com.memorylayer.query.continuity;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_DIARY;

import com.knuddels.jtokkit.api.EncodingType;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemoryStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Session continuity's reads: a session's diary, its handoff packet built now, a digest of it, and the resume a new
 * session starts from (the latest saved packets, or one built now, with a prompt-ready block). Nothing here writes;
 * saving a packet is the gateway's remember of kind {@code handoff}.
 */
@Service
class SessionContinuity {

    private final WorkspaceDsl workspaces;
    private final ObjectMapper mapper;
    private final ResumeBlock block;
    private final Clock clock;

    @Autowired
    SessionContinuity(WorkspaceDsl workspaces, ObjectMapper mapper, ResumeBlock block) {
        this(workspaces, mapper, block, Clock.systemUTC());
    }

    SessionContinuity(WorkspaceDsl workspaces, ObjectMapper mapper, ResumeBlock block, Clock clock) {
        this.workspaces = workspaces;
        this.mapper = mapper;
        this.block = block;
        this.clock = clock;
    }

    List<SessionActivity.DiaryLine> diary(UUID workspaceId, String sessionId, int limit) {
        return SessionActivity.diary(in(workspaceId), sessionId, limit);
    }

    /** A packet built now, and the form it is saved in: the text and {@code metadata.handoff} of a handoff memory. */
    record Built(HandoffPacket packet, String savedText, HandoffRecord savedRecord) {
    }

    HandoffPacket handoff(UUID workspaceId, String sessionId, int limit, String checkpointNote) {
        return build(workspaceId, sessionId, limit, checkpointNote).packet();
    }

    Built build(UUID workspaceId, String sessionId, int limit, String checkpointNote) {
        SessionActivity activity = SessionActivity.read(in(workspaceId), sessionId);
        java.time.Instant now = clock.instant();
        return new Built(HandoffBuilder.build(sessionId, activity, limit, checkpointNote, now),
                HandoffBuilder.storedText(sessionId, activity, checkpointNote),
                HandoffRecord.of(sessionId, activity, limit, checkpointNote, now));
    }

    /** The packet's digest, in the words agents know from {@code session_summary}. */
    Map<String, Object> summary(UUID workspaceId, String sessionId) {
        HandoffPacket packet = handoff(workspaceId, sessionId, HandoffBuilder.DEFAULT_LIMIT, null);
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("session_id", sessionId);
        digest.put("summary", packet.summary());
        digest.put("diary_entries", packet.stats().diaryEntries());
        digest.put("searches", packet.stats().recentQueries());
        digest.put("writes", packet.stats().memoriesWritten());
        digest.put("open_loops", packet.openLoops());
        digest.put("decisions", packet.decisions().stream().map(HandoffPacket.Item::content).toList());
        digest.put("touched_entities", packet.touchedEntities());
        return digest;
    }

    /**
     * The latest saved handoffs (of the session, when one is named), newest first; when none is saved, a packet built
     * now for the named session or, unnamed, for the session active last. {@code context} renders the latest.
     */
    Map<String, Object> resume(UUID workspaceId, String sessionId, int limit, int maxTokens, EncodingType encoding) {
        DSLContext dsl = in(workspaceId);
        var saved = dsl.select(MEMORIES.ID, MEMORIES.SESSION_ID, MEMORIES.CREATED_AT, MEMORIES.METADATA).from(MEMORIES)
                .where(MEMORIES.KIND.eq(AgentSessions.HANDOFF_KIND))
                .and(MEMORIES.STATUS.in(MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList()))
                .and(sessionId == null ? DSL.noCondition() : MEMORIES.SESSION_ID.eq(sessionId))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(limit).fetch();
        List<Map<String, Object>> handoffs = new ArrayList<>();
        JsonNode latest = null;
        for (var row : saved) {
            Optional<HandoffRecord> record = record(mapper.readTree(row.get(MEMORIES.METADATA).data()).path("handoff"));
            if (record.isEmpty()) {
                continue;
            }
            JsonNode packet = mapper.valueToTree(HandoffBuilder.build(record.get().sessionId(), SessionActivity.rehydrate(dsl,
                    record.get()), record.get().limit(), record.get().checkpointNote(), record.get().generatedAt()));
            latest = latest == null ? packet : latest;
            Map<String, Object> handoff = new LinkedHashMap<>();
            handoff.put("memory_id", row.get(MEMORIES.ID));
            handoff.put("session_id", row.get(MEMORIES.SESSION_ID));
            handoff.put("saved_at", row.get(MEMORIES.CREATED_AT));
            handoff.put("packet", packet);
            handoffs.add(handoff);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        boolean generated = false;
        if (latest == null) {
            Optional<String> session = sessionId != null ? Optional.of(sessionId) : lastActiveSession(dsl);
            if (session.isPresent()) {
                latest = mapper.valueToTree(handoff(workspaceId, session.get(), HandoffBuilder.DEFAULT_LIMIT, null));
                generated = true;
            }
        }
        answer.put("latest", latest);
        answer.put("handoffs", handoffs);
        answer.put("generated", generated);
        ResumeBlock.Built built = latest == null ? new ResumeBlock.Built("", 0, encoding.getName())
                : block.build(latest, maxTokens, encoding);
        answer.put("context", built.context());
        answer.put("tokens", built.tokens());
        answer.put("encoding", built.encoding());
        answer.put("max_tokens", maxTokens);
        return answer;
    }

    /** A saved handoff's record; empty for one this version cannot read (a person may have edited its metadata). */
    private Optional<HandoffRecord> record(JsonNode node) {
        if (!node.isObject() || node.path("version").asInt(0) != HandoffRecord.VERSION) {
            return Optional.empty();
        }
        try {
            HandoffRecord record = mapper.treeToValue(node, HandoffRecord.class);
            return record.sessionId() == null || record.generatedAt() == null || record.limit() < 1
                    || record.limit() > HandoffBuilder.MAX_LIMIT ? Optional.empty()
                    : Optional.of(new HandoffRecord(record.version(), record.sessionId(), record.generatedAt(), record.limit(),
                            record.checkpointNote(), record.diary() == null ? List.of() : record.diary(),
                            record.memories() == null ? List.of() : record.memories(),
                            record.queries() == null ? List.of() : record.queries()));
        } catch (tools.jackson.core.JacksonException e) {
            return Optional.empty();
        }
    }

    /** The session that wrote a memory or a diary line last, if any did; a memory naming none is the shared session's. */
    private static Optional<String> lastActiveSession(DSLContext dsl) {
        Optional<Record2<String, OffsetDateTime>> memory = dsl.select(DSL.coalesce(MEMORIES.SESSION_ID,
                        DSL.inline(AgentSessions.SHARED_SESSION)), MEMORIES.CREATED_AT).from(MEMORIES)
                .where(MEMORIES.KIND.ne(AgentSessions.HANDOFF_KIND))
                .orderBy(MEMORIES.CREATED_AT.desc()).limit(1).fetchOptional();
        Optional<Record2<String, OffsetDateTime>> diary = dsl.select(SESSION_DIARY.SESSION_ID, SESSION_DIARY.WRITTEN_AT)
                .from(SESSION_DIARY).orderBy(SESSION_DIARY.WRITTEN_AT.desc()).limit(1).fetchOptional();
        if (memory.isEmpty()) {
            return diary.map(Record2::value1);
        }
        if (diary.isEmpty() || memory.get().value2().isAfter(diary.get().value2())) {
            return memory.map(Record2::value1);
        }
        return diary.map(Record2::value1);
    }

    private DSLContext in(UUID workspaceId) {
        return workspaces.in(WorkspaceSchemaName.of(workspaceId));
    }
}
