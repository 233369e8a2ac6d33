package com.memorylayer.query.continuity;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_DIARY;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_QUERIES;

import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What one agent session left in its workspace, read from Postgres: its diary, the memories it wrote (handoff
 * packets aside: a packet describing the work is not itself work), the queries it asked, and the entities its
 * memories name. Only the session's own rows: another session's diary or queries are never read here.
 */
final class SessionActivity {

    static final String HANDOFF_KIND = "handoff";
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

    /** Newest first, each list bounded. */
    static SessionActivity read(DSLContext dsl, String sessionId) {
        return new SessionActivity(diary(dsl, sessionId, DIARY_READ), written(dsl, sessionId), asked(dsl, sessionId),
                entities(dsl, sessionId));
    }

    static List<DiaryLine> diary(DSLContext dsl, String sessionId, int limit) {
        return dsl.select(SESSION_DIARY.ID, SESSION_DIARY.ENTRY, SESSION_DIARY.WRITTEN_AT).from(SESSION_DIARY)
                .where(SESSION_DIARY.SESSION_ID.eq(sessionId))
                .orderBy(SESSION_DIARY.WRITTEN_AT.desc(), SESSION_DIARY.ID.desc()).limit(limit)
                .fetch(r -> new DiaryLine(r.value1(), r.value2(), r.value3()));
    }

    private static org.jooq.Condition writtenBy(String sessionId) {
        return MEMORIES.SESSION_ID.eq(sessionId).and(MEMORIES.KIND.ne(HANDOFF_KIND))
                .and(MEMORIES.STATUS.in(MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList()));
    }

    private static List<Written> written(DSLContext dsl, String sessionId) {
        return dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.KIND, MEMORIES.TAGS, MEMORIES.MEMORY_TYPE, MEMORIES.IMPORTANCE,
                        MEMORIES.CREATED_AT)
                .from(MEMORIES).where(writtenBy(sessionId))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(MEMORIES_READ)
                .fetch(r -> new Written(r.value1(), r.value2(), r.value3(), Arrays.asList(r.value4()), MemoryType.of(r.value5()),
                        r.value6(), r.value7()));
    }

    private static List<Asked> asked(DSLContext dsl, String sessionId) {
        return dsl.select(SESSION_QUERIES.QUERY, SESSION_QUERIES.RESULTS).from(SESSION_QUERIES)
                .where(SESSION_QUERIES.SESSION_ID.eq(sessionId))
                .orderBy(SESSION_QUERIES.RECALLED_AT.desc(), SESSION_QUERIES.ID.desc()).limit(QUERIES_READ)
                .fetch(r -> new Asked(r.value1(), r.value2()));
    }

    private static Map<UUID, List<String>> entities(DSLContext dsl, String sessionId) {
        var latest = DSL.select(MEMORIES.ID).from(MEMORIES).where(writtenBy(sessionId))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(MEMORIES_READ);
        Map<UUID, List<String>> names = new LinkedHashMap<>();
        dsl.select(ENTITY_MENTIONS.MEMORY_ID, ENTITIES.NAME).from(ENTITY_MENTIONS)
                .join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                .where(ENTITY_MENTIONS.MEMORY_ID.in(latest))
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
