package com.memorylayer.gateway.health;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceReadDsl;
import com.memorylayer.schemas.jooq.workspace_template.WorkspaceTemplate;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * What a workspace holds and how it is used, counted in its own schema: totals by layer, type, status, source and
 * month; the graph's size; bytes on disk; the most recalled memories; what was hot lately; curation quality. These
 * scan whole tables, so they run on the workspace-read pool, under its statement timeout.
 */
@Component
class WorkspaceUsageStats {

    /** Vectors are 384 float32s; a row whose vector is another length cannot be searched. */
    static final int VECTOR_BYTES = 384 * Float.BYTES;
    static final int MAP_ENTITIES = 5;
    /** "ingest:<run id>" and the like: the source's kind, not one row per run. */
    private static final Field<String> SOURCE_KIND = DSL.splitPart(MEMORIES.SOURCE, DSL.inline(":"), DSL.inline(1));
    private static final Field<String> MONTH = DSL.toChar(MEMORIES.CREATED_AT, DSL.inline("YYYY-MM"));
    /** What the memories can be counted by, one at a time (the engine's count_by). */
    static final Map<String, Field<String>> GROUPS = Map.of("layer", MEMORIES.LAYER, "memory_type", MEMORIES.MEMORY_TYPE,
            "status", MEMORIES.STATUS, "source", SOURCE_KIND, "month", MONTH);

    private final WorkspaceReadDsl workspaces;

    WorkspaceUsageStats(WorkspaceReadDsl workspaces) {
        this.workspaces = workspaces;
    }

    private DSLContext in(Workspace workspace) {
        return workspaces.in(workspace);
    }

    Map<String, Object> status(Workspace workspace) {
        DSLContext dsl = in(workspace);
        Map<String, Object> memories = new LinkedHashMap<>();
        memories.put("total", dsl.fetchCount(MEMORIES));
        memories.put("by_layer", countBy(dsl, MEMORIES.LAYER, DSL.trueCondition()));
        memories.put("by_type", countBy(dsl, MEMORIES.MEMORY_TYPE, DSL.trueCondition()));
        memories.put("by_status", countBy(dsl, MEMORIES.STATUS, DSL.trueCondition()));
        memories.put("by_source", countBy(dsl, SOURCE_KIND, DSL.trueCondition()));
        memories.put("by_month", countBy(dsl, MONTH, DSL.trueCondition()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("memories", memories);
        status.put("entities", dsl.fetchCount(ENTITIES));
        status.put("relations", dsl.fetchCount(ENTITY_RELATIONS));
        status.put("bytes", bytes(dsl, workspace));
        return status;
    }

    /** Rows Postgres holds for this workspace, with their indexes and TOAST, summed over its tables. */
    private static long bytes(DSLContext dsl, Workspace workspace) {
        Field<Long> total = DSL.inline(0L);
        for (var table : WorkspaceTemplate.WORKSPACE_TEMPLATE.getTables()) {
            total = total.plus(DSL.function("pg_total_relation_size", Long.class,
                    DSL.field("{0}::regclass", Object.class, DSL.val(workspace.schema().value() + "." + table.getName()))));
        }
        Long bytes = dsl.select(total).fetchOne(0, Long.class);
        return bytes == null ? 0 : bytes;
    }

    /** Orphans and mismatches the graph and the vectors should never have. */
    Map<String, Object> integrity(Workspace workspace) {
        DSLContext dsl = in(workspace);
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("memories_without_vectors", dsl.fetchCount(MEMORIES, DSL.field("octet_length({0})", Integer.class, MEMORIES.EMBEDDING).ne(VECTOR_BYTES)));
        found.put("entities_without_memories", dsl.fetchCount(ENTITIES,
                DSL.notExists(DSL.selectOne().from(ENTITY_MENTIONS).where(ENTITY_MENTIONS.ENTITY_ID.eq(ENTITIES.ID)))));
        found.put("embedding_models", countBy(dsl, MEMORIES.EMBEDDING_MODEL, DSL.trueCondition()));
        return found;
    }

    List<Map<String, Object>> accessPatterns(Workspace workspace, int limit) {
        return in(workspace).select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.ACCESS_COUNT, MEMORIES.LAST_ACCESSED_AT,
                        MEMORIES.LAYER, MEMORIES.STATUS)
                .from(MEMORIES)
                .where(MEMORIES.ACCESS_COUNT.gt(0L))
                .orderBy(MEMORIES.ACCESS_COUNT.desc(), MEMORIES.LAST_ACCESSED_AT.desc(), MEMORIES.ID)
                .limit(limit)
                .fetch(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", r.value1());
                    row.put("content", preview(r.value2()));
                    row.put("access_count", r.value3());
                    row.put("last_accessed_at", r.value4());
                    row.put("layer", r.value5());
                    row.put("status", r.value6());
                    return row;
                });
    }

    /**
     * What was written or recalled in the last {@code hours}: counts by layer, type and source, the most-named
     * entities, the hottest memories (importance × 2 + recalls × 0.15 + how late in the window they were touched,
     * 0 to 1) and hourly write counts.
     */
    Map<String, Object> hotspots(Workspace workspace, int hours, int limit) {
        DSLContext dsl = in(workspace);
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusHours(hours);
        Condition hot = MEMORIES.CREATED_AT.ge(since).or(MEMORIES.LAST_ACCESSED_AT.ge(since));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("hours", hours);
        answer.put("since", since);
        answer.put("memories", dsl.fetchCount(MEMORIES, hot));
        answer.put("by_layer", countBy(dsl, MEMORIES.LAYER, hot));
        answer.put("by_type", countBy(dsl, MEMORIES.MEMORY_TYPE, hot));
        answer.put("by_source", countBy(dsl, DSL.splitPart(MEMORIES.SOURCE, DSL.inline(":"), DSL.inline(1)), hot));
        answer.put("entities", dsl.select(ENTITIES.ID, ENTITIES.NAME, ENTITIES.ENTITY_TYPE, DSL.count())
                .from(ENTITY_MENTIONS).join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                .join(MEMORIES).on(MEMORIES.ID.eq(ENTITY_MENTIONS.MEMORY_ID))
                .where(hot)
                .groupBy(ENTITIES.ID, ENTITIES.NAME, ENTITIES.ENTITY_TYPE)
                .orderBy(DSL.count().desc(), ENTITIES.ID)
                .limit(limit)
                .fetch(r -> Map.<String, Object>of("id", r.value1(), "name", r.value2(), "type", r.value3(), "memories", r.value4())));
        Field<OffsetDateTime> touched = DSL.greatest(MEMORIES.CREATED_AT, DSL.coalesce(MEMORIES.LAST_ACCESSED_AT, MEMORIES.CREATED_AT));
        Field<Double> lateness = DSL.greatest(DSL.inline(0.0), DSL.field("extract(epoch from ({0} - {1})) / {2}", Double.class,
                touched, DSL.val(since), DSL.inline(hours * 3600.0)));
        Field<Double> heat = MEMORIES.IMPORTANCE.mul(2).plus(MEMORIES.ACCESS_COUNT.cast(Double.class).mul(0.15)).plus(lateness).as("heat");
        answer.put("top", dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.IMPORTANCE, MEMORIES.ACCESS_COUNT, MEMORIES.CREATED_AT, heat)
                .from(MEMORIES).where(hot)
                .orderBy(DSL.field("heat").desc(), MEMORIES.ID)
                .limit(limit)
                .fetch(r -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", r.value1());
                    row.put("content", preview(r.value2()));
                    row.put("importance", r.value3());
                    row.put("access_count", r.value4());
                    row.put("created_at", r.value5());
                    row.put("heat", Math.round(r.value6() * 1000) / 1000.0);
                    return row;
                }));
        Field<OffsetDateTime> hour = DSL.field("date_trunc('hour', {0})", OffsetDateTime.class, MEMORIES.CREATED_AT);
        Map<String, Integer> hourly = new LinkedHashMap<>();
        dsl.select(hour, DSL.count()).from(MEMORIES).where(MEMORIES.CREATED_AT.ge(since)).groupBy(hour).orderBy(hour)
                .forEach(r -> hourly.put(r.value1().truncatedTo(ChronoUnit.HOURS).toString(), r.value2()));
        answer.put("written_by_hour", hourly);
        return answer;
    }

    /**
     * The engine's memory map: per layer, its live memories, their five most-named entities and their oldest and
     * newest; and the last hour's writes and recalls.
     */
    Map<String, Object> memoryMap(Workspace workspace) {
        DSLContext dsl = in(workspace);
        Condition live = MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire());
        Map<String, Object> layers = new LinkedHashMap<>();
        for (MemoryLayer layer : MemoryLayer.values()) {
            Condition inLayer = live.and(MEMORIES.LAYER.eq(layer.wire()));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("memories", dsl.fetchCount(MEMORIES, inLayer));
            one.put("top_entities", dsl.select(ENTITIES.NAME, DSL.count()).from(ENTITY_MENTIONS)
                    .join(MEMORIES).on(MEMORIES.ID.eq(ENTITY_MENTIONS.MEMORY_ID))
                    .join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                    .where(inLayer).groupBy(ENTITIES.NAME).orderBy(DSL.count().desc(), ENTITIES.NAME).limit(MAP_ENTITIES)
                    .fetch(r -> Map.<String, Object>of("name", r.value1(), "mentions", r.value2())));
            var span = dsl.select(DSL.min(MEMORIES.CREATED_AT), DSL.max(MEMORIES.CREATED_AT)).from(MEMORIES).where(inLayer).fetchOne();
            one.put("oldest", span == null ? null : span.value1());
            one.put("newest", span == null ? null : span.value2());
            layers.put(layer.wire(), one);
        }
        OffsetDateTime hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        Map<String, Object> lastHour = new LinkedHashMap<>();
        lastHour.put("written", dsl.fetchCount(MEMORIES, MEMORIES.CREATED_AT.ge(hourAgo)));
        lastHour.put("recalled", dsl.fetchCount(MEMORIES, MEMORIES.LAST_ACCESSED_AT.ge(hourAgo)));
        Map<String, Object> map = new LinkedHashMap<>(status(workspace));
        map.put("layers", layers);
        map.put("last_hour", lastHour);
        return map;
    }

    /** The memories counted by one of {@link #GROUPS}, most first. */
    Map<String, Integer> countBy(Workspace workspace, String group) {
        return countBy(in(workspace), GROUPS.get(group), DSL.trueCondition());
    }

    /** The most-named entities, as the engine's count_by entity. */
    List<Map<String, Object>> topEntities(Workspace workspace, int limit) {
        return in(workspace).select(ENTITIES.NAME, ENTITIES.ENTITY_TYPE, ENTITIES.MENTION_COUNT).from(ENTITIES)
                .orderBy(ENTITIES.MENTION_COUNT.desc(), ENTITIES.NAME).limit(limit)
                .fetch(r -> Map.<String, Object>of("name", r.value1(), "type", r.value2(), "mentions", r.value3()));
    }

    /**
     * How well kept the workspace is, over memories not forgotten: the share ever recalled, the share curated (edited,
     * annotated, or moved off active by someone), content stored more than once, and the share without tags.
     */
    Map<String, Object> quality(Workspace workspace) {
        DSLContext dsl = in(workspace);
        Condition live = MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire());
        int total = dsl.fetchCount(MEMORIES, live);
        int recalled = dsl.fetchCount(MEMORIES, live.and(MEMORIES.ACCESS_COUNT.gt(0L)));
        int curated = dsl.fetchCount(MEMORIES, live.and(MEMORIES.VERSION.gt(1)
                .or(MEMORIES.STATUS.ne(MemoryStatus.ACTIVE.wire()))
                .or(DSL.exists(DSL.selectOne().from(ANNOTATIONS).where(ANNOTATIONS.MEMORY_ID.eq(MEMORIES.ID))))));
        int untagged = dsl.fetchCount(MEMORIES, live.and(DSL.cardinality(MEMORIES.TAGS).eq(0)));
        Condition recallable = MEMORIES.STATUS.in(MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList());
        Integer duplicates = dsl.select(DSL.coalesce(DSL.sum(DSL.field("n", Integer.class).minus(1)), DSL.inline(java.math.BigDecimal.ZERO)))
                .from(DSL.select(DSL.count().as("n")).from(MEMORIES).where(recallable).groupBy(MEMORIES.CONTENT_HASH)
                        .having(DSL.count().gt(1)))
                .fetchOne(0, Integer.class);
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("memories", total);
        quality.put("recalled_share", share(recalled, total));
        quality.put("curated_share", share(curated, total));
        quality.put("untagged_share", share(untagged, total));
        quality.put("duplicates_left", duplicates == null ? 0 : duplicates);
        return quality;
    }

    private static double share(int part, int total) {
        return total == 0 ? 0 : Math.round(1000.0 * part / total) / 1000.0;
    }

    private static Map<String, Integer> countBy(DSLContext dsl, Field<String> field, Condition where) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        dsl.select(field, DSL.count()).from(MEMORIES).where(where).groupBy(field).orderBy(DSL.count().desc(), field)
                .forEach(r -> counts.put(r.value1() == null ? "none" : r.value1(), r.value2()));
        return counts;
    }

    private static String preview(String content) {
        return content.length() <= 200 ? content : content.substring(0, 199) + "…";
    }
}
