package com.memorylayer.query.stats;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ANNOTATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.query.reads.WorkspaceReadPool;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.jooq.workspace_template.WorkspaceTemplate;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.reads.stats.AccessPatterns;
import com.memorylayer.schemas.reads.stats.Hotspots;
import com.memorylayer.schemas.reads.stats.MemoryCounts;
import com.memorylayer.schemas.reads.stats.MemoryMap;
import com.memorylayer.schemas.reads.stats.RuntimeState;
import com.memorylayer.schemas.reads.stats.TopEntities;
import com.memorylayer.schemas.reads.stats.WorkspaceHealth;
import com.memorylayer.schemas.reads.stats.WorkspaceQuality;
import com.memorylayer.schemas.reads.stats.WorkspaceStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * What a workspace holds and how it is used, counted in its own schema: totals by layer, type, status, source and
 * month; the graph's size; bytes on disk; the most recalled memories; what was hot lately; curation quality. These
 * scan whole tables, so they run on the bounded workspace-read pool, under its statement timeout.
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

    private final WorkspaceReadPool workspaces;

    WorkspaceUsageStats(WorkspaceReadPool workspaces) {
        this.workspaces = workspaces;
    }

    private DSLContext in(UUID workspaceId) {
        return workspaces.in(workspaceId);
    }

    /** Memories not forgotten (erased ones are gone altogether). */
    int memoryCount(UUID workspaceId) {
        return in(workspaceId).fetchCount(MEMORIES, MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire()));
    }

    WorkspaceStatus status(UUID workspaceId) {
        DSLContext dsl = in(workspaceId);
        MemoryCounts memories = new MemoryCounts(dsl.fetchCount(MEMORIES), countBy(dsl, MEMORIES.LAYER, DSL.trueCondition()),
                countBy(dsl, MEMORIES.MEMORY_TYPE, DSL.trueCondition()), countBy(dsl, MEMORIES.STATUS, DSL.trueCondition()),
                countBy(dsl, SOURCE_KIND, DSL.trueCondition()), countBy(dsl, MONTH, DSL.trueCondition()));
        return new WorkspaceStatus(memories, dsl.fetchCount(ENTITIES), dsl.fetchCount(ENTITY_RELATIONS), bytes(dsl, workspaceId));
    }

    /** Rows Postgres holds for this workspace, with their indexes and TOAST, summed over its tables. */
    private static long bytes(DSLContext dsl, UUID workspaceId) {
        Field<Long> total = DSL.inline(0L);
        String schema = WorkspaceSchemaName.of(workspaceId).value();
        for (var table : WorkspaceTemplate.WORKSPACE_TEMPLATE.getTables()) {
            total = total.plus(DSL.function("pg_total_relation_size", Long.class,
                    DSL.field("{0}::regclass", Object.class, DSL.val(schema + "." + table.getName()))));
        }
        Long bytes = dsl.select(total).fetchOne(0, Long.class);
        return bytes == null ? 0 : bytes;
    }

    /** Orphans and mismatches the graph and the vectors should never have; {@code ok} when there are none. */
    WorkspaceHealth health(UUID workspaceId, RuntimeState runtime) {
        DSLContext dsl = in(workspaceId);
        int withoutVectors = dsl.fetchCount(MEMORIES, DSL.field("octet_length({0})", Integer.class, MEMORIES.EMBEDDING).ne(VECTOR_BYTES));
        int withoutMemories = dsl.fetchCount(ENTITIES,
                DSL.notExists(DSL.selectOne().from(ENTITY_MENTIONS).where(ENTITY_MENTIONS.ENTITY_ID.eq(ENTITIES.ID))));
        return new WorkspaceHealth(withoutVectors == 0 && withoutMemories == 0 ? "ok" : "degraded", runtime, withoutVectors,
                withoutMemories, countBy(dsl, MEMORIES.EMBEDDING_MODEL, DSL.trueCondition()));
    }

    AccessPatterns accessPatterns(UUID workspaceId, int limit) {
        return new AccessPatterns(in(workspaceId).select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.ACCESS_COUNT,
                        MEMORIES.LAST_ACCESSED_AT, MEMORIES.LAYER, MEMORIES.STATUS)
                .from(MEMORIES)
                .where(MEMORIES.ACCESS_COUNT.gt(0L))
                .orderBy(MEMORIES.ACCESS_COUNT.desc(), MEMORIES.LAST_ACCESSED_AT.desc(), MEMORIES.ID)
                .limit(limit)
                .fetch(r -> new AccessPatterns.Accessed(r.value1(), preview(r.value2()), r.value3(), r.value4(), r.value5(), r.value6())));
    }

    /**
     * What was written or recalled in the last {@code hours}: counts by layer, type and source, the most-named
     * entities, the hottest memories (importance × 2 + recalls × 0.15 + how late in the window they were touched,
     * 0 to 1) and hourly write counts.
     */
    Hotspots hotspots(UUID workspaceId, int hours, int limit) {
        DSLContext dsl = in(workspaceId);
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusHours(hours);
        Condition hot = MEMORIES.CREATED_AT.ge(since).or(MEMORIES.LAST_ACCESSED_AT.ge(since));
        List<Hotspots.HotEntity> entities = dsl.select(ENTITIES.ID, ENTITIES.NAME, ENTITIES.ENTITY_TYPE, DSL.count())
                .from(ENTITY_MENTIONS).join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                .join(MEMORIES).on(MEMORIES.ID.eq(ENTITY_MENTIONS.MEMORY_ID))
                .where(hot)
                .groupBy(ENTITIES.ID, ENTITIES.NAME, ENTITIES.ENTITY_TYPE)
                .orderBy(DSL.count().desc(), ENTITIES.ID)
                .limit(limit)
                .fetch(r -> new Hotspots.HotEntity(r.value1(), r.value2(), r.value3(), r.value4()));
        Field<OffsetDateTime> touched = DSL.greatest(MEMORIES.CREATED_AT, DSL.coalesce(MEMORIES.LAST_ACCESSED_AT, MEMORIES.CREATED_AT));
        Field<Double> lateness = DSL.greatest(DSL.inline(0.0), DSL.field("extract(epoch from ({0} - {1})) / {2}", Double.class,
                touched, DSL.val(since), DSL.inline(hours * 3600.0)));
        Field<Double> heat = MEMORIES.IMPORTANCE.mul(2).plus(MEMORIES.ACCESS_COUNT.cast(Double.class).mul(0.15)).plus(lateness).as("heat");
        List<Hotspots.HotMemory> top = dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.IMPORTANCE, MEMORIES.ACCESS_COUNT,
                        MEMORIES.CREATED_AT, heat)
                .from(MEMORIES).where(hot)
                .orderBy(DSL.field("heat").desc(), MEMORIES.ID)
                .limit(limit)
                .fetch(r -> new Hotspots.HotMemory(r.value1(), preview(r.value2()), r.value3(), r.value4(), r.value5(),
                        Math.round(r.value6() * 1000) / 1000.0));
        Field<OffsetDateTime> hour = DSL.field("date_trunc('hour', {0})", OffsetDateTime.class, MEMORIES.CREATED_AT);
        Map<String, Integer> hourly = new LinkedHashMap<>();
        dsl.select(hour, DSL.count()).from(MEMORIES).where(MEMORIES.CREATED_AT.ge(since)).groupBy(hour).orderBy(hour)
                .forEach(r -> hourly.put(r.value1().truncatedTo(ChronoUnit.HOURS).toString(), r.value2()));
        return new Hotspots(hours, since, dsl.fetchCount(MEMORIES, hot), countBy(dsl, MEMORIES.LAYER, hot),
                countBy(dsl, MEMORIES.MEMORY_TYPE, hot), countBy(dsl, SOURCE_KIND, hot), entities, top, hourly);
    }

    /**
     * The engine's memory map: per layer, its live memories, their five most-named entities and their oldest and
     * newest; and the last hour's writes and recalls.
     */
    MemoryMap memoryMap(UUID workspaceId) {
        DSLContext dsl = in(workspaceId);
        Condition live = MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire());
        Map<String, MemoryMap.Layer> layers = new LinkedHashMap<>();
        for (MemoryLayer layer : MemoryLayer.values()) {
            Condition inLayer = live.and(MEMORIES.LAYER.eq(layer.wire()));
            List<MemoryMap.Named> top = dsl.select(ENTITIES.NAME, DSL.count()).from(ENTITY_MENTIONS)
                    .join(MEMORIES).on(MEMORIES.ID.eq(ENTITY_MENTIONS.MEMORY_ID))
                    .join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                    .where(inLayer).groupBy(ENTITIES.NAME).orderBy(DSL.count().desc(), ENTITIES.NAME).limit(MAP_ENTITIES)
                    .fetch(r -> new MemoryMap.Named(r.value1(), r.value2()));
            var span = dsl.select(DSL.min(MEMORIES.CREATED_AT), DSL.max(MEMORIES.CREATED_AT)).from(MEMORIES).where(inLayer).fetchOne();
            layers.put(layer.wire(), new MemoryMap.Layer(dsl.fetchCount(MEMORIES, inLayer), top, span == null ? null : span.value1(),
                    span == null ? null : span.value2()));
        }
        OffsetDateTime hourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        MemoryMap.LastHour lastHour = new MemoryMap.LastHour(dsl.fetchCount(MEMORIES, MEMORIES.CREATED_AT.ge(hourAgo)),
                dsl.fetchCount(MEMORIES, MEMORIES.LAST_ACCESSED_AT.ge(hourAgo)));
        WorkspaceStatus status = status(workspaceId);
        return new MemoryMap(status.memories(), status.entities(), status.relations(), status.bytes(), layers, lastHour);
    }

    /** The memories counted by one of {@link #GROUPS}, most first. */
    Map<String, Integer> countBy(UUID workspaceId, String group) {
        return countBy(in(workspaceId), GROUPS.get(group), DSL.trueCondition());
    }

    /** The most-named entities, as the engine's count_by entity. */
    TopEntities topEntities(UUID workspaceId, int limit) {
        return new TopEntities(in(workspaceId).select(ENTITIES.NAME, ENTITIES.ENTITY_TYPE, ENTITIES.MENTION_COUNT).from(ENTITIES)
                .orderBy(ENTITIES.MENTION_COUNT.desc(), ENTITIES.NAME).limit(limit)
                .fetch(r -> new TopEntities.Entity(r.value1(), r.value2(), r.value3())));
    }

    /**
     * How well kept the workspace is, over memories not forgotten: the share ever recalled, the share curated (edited,
     * annotated, or moved off active by someone), content stored more than once, and the share without tags.
     */
    WorkspaceQuality quality(UUID workspaceId) {
        DSLContext dsl = in(workspaceId);
        Condition live = MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire());
        int total = dsl.fetchCount(MEMORIES, live);
        int recalled = dsl.fetchCount(MEMORIES, live.and(MEMORIES.ACCESS_COUNT.gt(0L)));
        int curated = dsl.fetchCount(MEMORIES, live.and(MEMORIES.VERSION.gt(1)
                .or(MEMORIES.STATUS.ne(MemoryStatus.ACTIVE.wire()))
                .or(DSL.exists(DSL.selectOne().from(ANNOTATIONS).where(ANNOTATIONS.MEMORY_ID.eq(MEMORIES.ID))))));
        int untagged = dsl.fetchCount(MEMORIES, live.and(DSL.cardinality(MEMORIES.TAGS).eq(0)));
        Condition recallable = MEMORIES.STATUS.in(MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList());
        Integer duplicates = dsl.select(DSL.coalesce(DSL.sum(DSL.field("n", Integer.class).minus(1)), DSL.inline(BigDecimal.ZERO)))
                .from(DSL.select(DSL.count().as("n")).from(MEMORIES).where(recallable).groupBy(MEMORIES.CONTENT_HASH)
                        .having(DSL.count().gt(1)))
                .fetchOne(0, Integer.class);
        return new WorkspaceQuality(total, share(recalled, total), share(curated, total), share(untagged, total),
                duplicates == null ? 0 : duplicates);
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
