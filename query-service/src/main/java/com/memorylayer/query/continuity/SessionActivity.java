package com.memorylayer.query.continuity;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_DIARY;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_QUERIES;

import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What one agent session left in its workspace, read from Postgres: its diary, the memories it wrote (handoff
 * packets aside: a packet describing the work is not itself work), the queries it asked, and the entities its
 * memories name. Only the session's own rows: another session's diary or queries are never read here.
 */
final class SessionActivity {

    static final int DIARY_READ = 50;
    static final int MEMORIES_READ = 60;
    static final int QUERIES_READ = 50;
    static final int ENTITIES_PER_MEMORY = 5;

    record DiaryLine(UUID id, String entry, OffsetDateTime writtenAt) {
    }

    record Written(UUID id, String content, String kind, List<String> tags, MemoryType memoryType, double importance,
            OffsetDateTime createdAt) {
    }

    record Asked(String query, int results) {
    }

    final List<DiaryLine> diary;
    final List<Written> memories;
    final List<Asked> queries;
    /** Per memory of {@link #memories}, the names of its most mentioned entities. */
    final Map<UUID, List<String>> entities;

    private SessionActivity(List<DiaryLine> diary, List<Written> memories, List<Asked> queries, Map<UUID, List<String>> entities) {
        this.diary = diary;
        this.memories = memories;
        this.queries = queries;
        this.entities = entities;
    }

    /**
     * Newest first, each list bounded. The shared session ({@link AgentSessions#SHARED_SESSION}) also owns the
     * memories written naming no session, and holds only what came after its latest saved handoff: it never ends, so
     * without that bound its packet would be the workspace's whole history rather than the work since the last
     * checkpoint.
     */
    static SessionActivity read(DSLContext dsl, String sessionId) {
        boolean shared = AgentSessions.SHARED_SESSION.equals(sessionId);
        OffsetDateTime since = shared ? lastSaved(dsl, sessionId) : null;
        Condition mine = shared ? MEMORIES.SESSION_ID.eq(sessionId).or(MEMORIES.SESSION_ID.isNull()) : MEMORIES.SESSION_ID.eq(sessionId);
        List<Written> memories = written(dsl, dsl.select(MEMORIES.ID).from(MEMORIES).where(mine).and(live())
                .and(since == null ? DSL.noCondition() : MEMORIES.CREATED_AT.gt(since))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(MEMORIES_READ).fetch(MEMORIES.ID));
        List<DiaryLine> diary = diary(dsl, sessionId, since, DIARY_READ);
        List<Asked> queries = dsl.select(SESSION_QUERIES.QUERY, SESSION_QUERIES.RESULTS).from(SESSION_QUERIES)
                .where(SESSION_QUERIES.SESSION_ID.eq(sessionId))
                .and(since == null ? DSL.noCondition() : SESSION_QUERIES.RECALLED_AT.gt(since))
                .orderBy(SESSION_QUERIES.RECALLED_AT.desc(), SESSION_QUERIES.ID.desc()).limit(QUERIES_READ)
                .fetch(r -> new Asked(r.value1(), r.value2()));
        return new SessionActivity(diary, memories, queries, entities(dsl, memories));
    }

    /** When the session's latest handoff was saved, whatever has become of it since; null when none was. */
    private static OffsetDateTime lastSaved(DSLContext dsl, String sessionId) {
        return dsl.select(DSL.max(MEMORIES.CREATED_AT)).from(MEMORIES)
                .where(MEMORIES.KIND.eq(AgentSessions.HANDOFF_KIND)).and(MEMORIES.SESSION_ID.eq(sessionId))
                .fetchOne(0, OffsetDateTime.class);
    }

    /**
     * A saved handoff's activity with its memories as they are now: one erased, forgotten or otherwise no longer
     * live since is left out, its text and entities with it.
     */
    static SessionActivity rehydrate(DSLContext dsl, HandoffRecord record) {
        List<Written> memories = written(dsl, record.memories());
        return new SessionActivity(record.diary(), memories, record.queries(), entities(dsl, memories));
    }

    static List<DiaryLine> diary(DSLContext dsl, String sessionId, int limit) {
        return diary(dsl, sessionId, null, limit);
    }

    /** The session's diary lines written after {@code since} (all of them when null), newest first. */
    private static List<DiaryLine> diary(DSLContext dsl, String sessionId, OffsetDateTime since, int limit) {
        return dsl.select(SESSION_DIARY.ID, SESSION_DIARY.ENTRY, SESSION_DIARY.WRITTEN_AT).from(SESSION_DIARY)
                .where(SESSION_DIARY.SESSION_ID.eq(sessionId))
                .and(since == null ? DSL.noCondition() : SESSION_DIARY.WRITTEN_AT.gt(since))
                .orderBy(SESSION_DIARY.WRITTEN_AT.desc(), SESSION_DIARY.ID.desc()).limit(limit)
                .fetch(r -> new DiaryLine(r.value1(), r.value2(), r.value3()));
    }

    /** A memory a packet may show: recalled by default, and not itself a packet. */
    private static Condition live() {
        return MEMORIES.KIND.ne(AgentSessions.HANDOFF_KIND)
                .and(MEMORIES.STATUS.in(MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList()));
    }

    /** Those of {@code ids} still live, in the order given. */
    private static List<Written> written(DSLContext dsl, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Written> rows = new LinkedHashMap<>();
        dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.KIND, MEMORIES.TAGS, MEMORIES.MEMORY_TYPE, MEMORIES.IMPORTANCE,
                        MEMORIES.CREATED_AT)
                .from(MEMORIES).where(MEMORIES.ID.in(ids)).and(live())
                .forEach(r -> rows.put(r.value1(), new Written(r.value1(), r.value2(), r.value3(), Arrays.asList(r.value4()),
                        MemoryType.of(r.value5()), r.value6(), r.value7())));
        return ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
    }

    private static Map<UUID, List<String>> entities(DSLContext dsl, List<Written> memories) {
        Map<UUID, List<String>> names = new LinkedHashMap<>();
        if (memories.isEmpty()) {
            return names;
        }
        dsl.select(ENTITY_MENTIONS.MEMORY_ID, ENTITIES.NAME).from(ENTITY_MENTIONS)
                .join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                .where(ENTITY_MENTIONS.MEMORY_ID.in(memories.stream().map(Written::id).toList()))
                .orderBy(ENTITY_MENTIONS.MEMORY_ID, ENTITIES.MENTION_COUNT.desc(), ENTITIES.NAME)
                .forEach(r -> {
                    List<String> of = names.computeIfAbsent(r.value1(), k -> new ArrayList<>());
                    if (of.size() < ENTITIES_PER_MEMORY) {
                        of.add(r.value2());
                    }
                });
        return names;
    }
}
