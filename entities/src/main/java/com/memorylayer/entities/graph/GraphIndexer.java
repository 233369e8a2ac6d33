package com.memorylayer.entities.graph;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_ALIASES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_TYPES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.RELATION_EVIDENCE;

import com.memorylayer.entities.EntityExtractor;
import com.memorylayer.entities.EntityType;
import com.memorylayer.entities.Extraction;
import com.memorylayer.entities.Mention;
import com.memorylayer.entities.StatedRelation;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import com.memorylayer.schemas.memory.MemoryStatus;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.impl.DSL;

/**
 * Keeps a workspace's entity graph in step with its memories, inside the transaction that changed them. For one
 * memory it forgets what the memory contributed (mentions, relation evidence), and if the memory still feeds the
 * graph (it exists and is recalled by default) extracts its entities and relations again. Then it recounts only
 * what was touched: an entity left with no mention is deleted, and so is a relation left with no evidence.
 */
public final class GraphIndexer {

    /** Statuses whose memories feed the graph. */
    public static final Set<MemoryStatus> GRAPHED = MemoryStatus.RECALLED_BY_DEFAULT;
    /** {@link #GRAPHED} as the status column holds them. */
    public static final List<String> GRAPHED_WIRE = GRAPHED.stream().map(MemoryStatus::wire).toList();
    public static final String CO_OCCURS = "co_occurs";
    public static final String SAME_SESSION = "same_session";
    /** A memory naming more entities than this relates only its first ones pairwise: n² pairs would swamp the graph. */
    private static final int MAX_PAIRED = 12;
    /** How many of the session's latest other memories a new one is related to. */
    private static final int SESSION_NEIGHBOURS = 5;
    private static final int MAX_SESSION_PAIRS = 40;

    private final EntityExtractor extractor;

    public GraphIndexer(EntityExtractor extractor) {
        this.extractor = extractor;
    }

    /** An entity's id: derived from its key, so a rebuilt graph keeps every id. */
    public static UUID entityId(String key) {
        return UUID.nameUUIDFromBytes(("entity:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Brings the graph in step with one memory, as it now is (or is no longer). */
    public void reindex(DSLContext dsl, UUID memoryId) {
        reindex(dsl, List.of(memoryId));
    }

    /** Brings the graph in step with these memories. */
    public void reindex(DSLContext dsl, Collection<UUID> memoryIds) {
        follow(dsl, memoryIds, true);
    }

    /**
     * Takes back everything these memories contributed, before they are deleted: once a memory's row is gone its
     * mentions go with it, and nothing would say which entities to recount.
     */
    public void withdraw(DSLContext dsl, Collection<UUID> memoryIds) {
        follow(dsl, memoryIds, false);
    }

    private void follow(DSLContext dsl, Collection<UUID> memoryIds, boolean extract) {
        if (memoryIds.isEmpty()) {
            return;
        }
        // Later memories of a session related their entities to these memories' ones: their session evidence rests
        // on these too, so they are read again with them.
        Set<UUID> changing = new HashSet<>(memoryIds);
        Set<UUID> affected = new LinkedHashSet<>(changing);
        affected.addAll(dsl.selectDistinct(RELATION_EVIDENCE.MEMORY_ID).from(RELATION_EVIDENCE)
                .where(RELATION_EVIDENCE.VIA_MEMORY.in(changing)).fetch(RELATION_EVIDENCE.MEMORY_ID));
        Set<UUID> touchedEntities = new HashSet<>(dsl.selectDistinct(ENTITY_MENTIONS.ENTITY_ID).from(ENTITY_MENTIONS)
                .where(ENTITY_MENTIONS.MEMORY_ID.in(affected)).fetch(ENTITY_MENTIONS.ENTITY_ID));
        Set<RelationKey> touchedRelations = new HashSet<>();
        var evidenceOf = RELATION_EVIDENCE.MEMORY_ID.in(affected).or(RELATION_EVIDENCE.VIA_MEMORY.in(changing));
        dsl.selectDistinct(RELATION_EVIDENCE.SOURCE_ID, RELATION_EVIDENCE.TARGET_ID, RELATION_EVIDENCE.RELATION)
                .from(RELATION_EVIDENCE).where(evidenceOf)
                .forEach(r -> touchedRelations.add(new RelationKey(r.value1(), r.value2(), r.value3())));
        dsl.deleteFrom(RELATION_EVIDENCE).where(evidenceOf).execute();
        dsl.deleteFrom(ENTITY_MENTIONS).where(ENTITY_MENTIONS.MEMORY_ID.in(affected)).execute();

        // Withdrawn memories are read by no one, not even as a later memory's session neighbour.
        Set<UUID> reread = new LinkedHashSet<>(affected);
        Set<UUID> excluded = extract ? Set.of() : changing;
        reread.removeAll(excluded);
        // Oldest first: a memory's session neighbours are indexed before it.
        // Only what indexing reads: not the vectors, which would be most of each row.
        for (MemoriesRecord memory : dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.SESSION_ID, MEMORIES.CREATED_AT)
                .from(MEMORIES).where(MEMORIES.ID.in(reread))
                .and(MEMORIES.STATUS.in(GRAPHED_WIRE)).orderBy(MEMORIES.CREATED_AT, MEMORIES.ID).fetchInto(MEMORIES)) {
            index(dsl, memory, excluded, touchedEntities, touchedRelations);
        }
        recount(dsl, touchedEntities, touchedRelations);
    }

    /** Deletes every derived row and derives them again from every memory that feeds the graph; returns how many. */
    public int rebuild(DSLContext dsl) {
        dsl.deleteFrom(RELATION_EVIDENCE).execute();
        dsl.deleteFrom(ENTITY_RELATIONS).execute();
        dsl.deleteFrom(ENTITY_MENTIONS).execute();
        dsl.deleteFrom(ENTITIES).execute();
        List<UUID> ids = dsl.select(MEMORIES.ID).from(MEMORIES)
                .where(MEMORIES.STATUS.in(GRAPHED_WIRE))
                .orderBy(MEMORIES.CREATED_AT, MEMORIES.ID).fetch(MEMORIES.ID);
        for (int start = 0; start < ids.size(); start += 500) {
            reindex(dsl, ids.subList(start, Math.min(ids.size(), start + 500)));
        }
        return ids.size();
    }

    private void index(DSLContext dsl, MemoriesRecord memory, Set<UUID> excluded, Set<UUID> touchedEntities,
            Set<RelationKey> touchedRelations) {
        Extraction extraction = extractor.extract(memory.getContent());
        OffsetDateTime seen = memory.getCreatedAt();
        Map<String, String> aliases = aliases(dsl, extraction);
        Map<String, UUID> idOfKey = new LinkedHashMap<>();
        for (Mention mention : extraction.entities()) {
            String key = aliases.getOrDefault(mention.key(), mention.key());
            if (idOfKey.containsKey(key)) {
                continue;
            }
            UUID id = entityId(key);
            idOfKey.put(key, id);
            // Named by an alias ("Mel" for Melanie), a mention lends the entity its name only until one names it directly.
            boolean direct = key.equals(mention.key());
            dsl.insertInto(ENTITIES)
                    .set(ENTITIES.ID, id)
                    .set(ENTITIES.ENTITY_KEY, key)
                    .set(ENTITIES.NAME, mention.name())
                    .set(ENTITIES.ENTITY_TYPE, mention.type().wire())
                    .set(ENTITIES.FIRST_SEEN, seen)
                    .set(ENTITIES.LAST_SEEN, seen)
                    .onConflict(ENTITIES.ID).doUpdate()
                    .set(ENTITIES.FIRST_SEEN, DSL.least(ENTITIES.FIRST_SEEN, DSL.excluded(ENTITIES.FIRST_SEEN)))
                    .set(ENTITIES.LAST_SEEN, DSL.greatest(ENTITIES.LAST_SEEN, DSL.excluded(ENTITIES.LAST_SEEN)))
                    .set(ENTITIES.NAME, DSL.when(DSL.condition(direct).and(DSL.lower(ENTITIES.NAME).ne(ENTITIES.ENTITY_KEY)),
                            DSL.excluded(ENTITIES.NAME)).otherwise(ENTITIES.NAME))
                    // A name first seen as "other" takes a more precise type when one turns up.
                    .set(ENTITIES.ENTITY_TYPE, DSL.when(ENTITIES.ENTITY_TYPE.eq(EntityType.OTHER.wire()),
                            DSL.excluded(ENTITIES.ENTITY_TYPE)).otherwise(ENTITIES.ENTITY_TYPE))
                    .execute();
            dsl.insertInto(ENTITY_MENTIONS)
                    .set(ENTITY_MENTIONS.ENTITY_ID, id)
                    .set(ENTITY_MENTIONS.MEMORY_ID, memory.getId())
                    .set(ENTITY_MENTIONS.SURFACE, mention.name())
                    .set(ENTITY_MENTIONS.CREATED_AT, seen)
                    .onConflictDoNothing()
                    .execute();
            touchedEntities.add(id);
        }
        List<UUID> ids = new ArrayList<>(idOfKey.values());
        List<UUID> paired = ids.subList(0, Math.min(ids.size(), MAX_PAIRED));
        for (int a = 0; a < paired.size(); a++) {
            for (int b = a + 1; b < paired.size(); b++) {
                evidence(dsl, RelationKey.symmetric(paired.get(a), paired.get(b), CO_OCCURS), memory, false, null, touchedRelations);
            }
        }
        for (StatedRelation stated : extraction.relations()) {
            UUID source = idOfKey.get(aliases.getOrDefault(stated.sourceKey(), stated.sourceKey()));
            UUID target = idOfKey.get(aliases.getOrDefault(stated.targetKey(), stated.targetKey()));
            if (source != null && target != null && !source.equals(target)) {
                evidence(dsl, new RelationKey(source, target, stated.relation()), memory, stated.ends(), null, touchedRelations);
            }
        }
        if (memory.getSessionId() != null && !paired.isEmpty()) {
            sessionNeighbours(dsl, memory, paired, excluded, touchedRelations);
        }
    }

    /** Relates this memory's entities to those of the session's latest earlier memories that feed the graph. */
    private void sessionNeighbours(DSLContext dsl, MemoriesRecord memory, List<UUID> own, Set<UUID> excluded,
            Set<RelationKey> touchedRelations) {
        List<UUID> neighbours = dsl.select(MEMORIES.ID).from(MEMORIES)
                .where(MEMORIES.SESSION_ID.eq(memory.getSessionId()))
                .and(MEMORIES.STATUS.in(GRAPHED_WIRE))
                .and(excluded.isEmpty() ? DSL.noCondition() : MEMORIES.ID.notIn(excluded))
                .and(DSL.row(MEMORIES.CREATED_AT, MEMORIES.ID).lt(memory.getCreatedAt(), memory.getId()))
                .orderBy(MEMORIES.CREATED_AT.desc(), MEMORIES.ID.desc()).limit(SESSION_NEIGHBOURS).fetch(MEMORIES.ID);
        if (neighbours.isEmpty()) {
            return;
        }
        // Each neighbour entity with the latest neighbour memory that names it.
        Map<UUID, UUID> viaOf = new LinkedHashMap<>();
        var mentions = dsl.select(ENTITY_MENTIONS.ENTITY_ID, ENTITY_MENTIONS.MEMORY_ID).from(ENTITY_MENTIONS)
                .where(ENTITY_MENTIONS.MEMORY_ID.in(neighbours)).fetch();
        for (UUID neighbour : neighbours) {
            for (var mention : mentions) {
                if (mention.value2().equals(neighbour)) {
                    viaOf.putIfAbsent(mention.value1(), neighbour);
                }
            }
        }
        own.forEach(viaOf::remove);
        int pairs = 0;
        for (UUID mine : own) {
            for (Map.Entry<UUID, UUID> other : viaOf.entrySet()) {
                if (pairs++ >= MAX_SESSION_PAIRS) {
                    return;
                }
                evidence(dsl, RelationKey.symmetric(mine, other.getKey(), SAME_SESSION), memory, false, other.getValue(),
                        touchedRelations);
            }
        }
    }

    private static void evidence(DSLContext dsl, RelationKey relation, MemoriesRecord memory, boolean ends, UUID via,
            Set<RelationKey> touchedRelations) {
        OffsetDateTime seen = memory.getCreatedAt();
        dsl.insertInto(ENTITY_RELATIONS)
                .set(ENTITY_RELATIONS.SOURCE_ID, relation.source())
                .set(ENTITY_RELATIONS.TARGET_ID, relation.target())
                .set(ENTITY_RELATIONS.RELATION, relation.relation())
                .set(ENTITY_RELATIONS.FIRST_SEEN, seen)
                .set(ENTITY_RELATIONS.LAST_SEEN, seen)
                .onConflictDoNothing()
                .execute();
        dsl.insertInto(RELATION_EVIDENCE)
                .set(RELATION_EVIDENCE.SOURCE_ID, relation.source())
                .set(RELATION_EVIDENCE.TARGET_ID, relation.target())
                .set(RELATION_EVIDENCE.RELATION, relation.relation())
                .set(RELATION_EVIDENCE.MEMORY_ID, memory.getId())
                .set(RELATION_EVIDENCE.ENDS, ends)
                .set(RELATION_EVIDENCE.VIA_MEMORY, via)
                .onConflictDoNothing()
                .execute();
        touchedRelations.add(relation);
    }

    /** Alias keys among the extraction's keys, resolved to the entity keys people said they name. */
    private static Map<String, String> aliases(DSLContext dsl, Extraction extraction) {
        Set<String> keys = new HashSet<>();
        extraction.mentions().forEach(m -> keys.add(m.key()));
        Map<String, String> resolved = new HashMap<>();
        if (!keys.isEmpty()) {
            dsl.select(ENTITY_ALIASES.ALIAS_KEY, ENTITY_ALIASES.ENTITY_KEY).from(ENTITY_ALIASES)
                    .where(ENTITY_ALIASES.ALIAS_KEY.in(keys))
                    .forEach(r -> resolved.put(r.value1(), r.value2()));
        }
        return resolved;
    }

    private static void recount(DSLContext dsl, Set<UUID> entities, Set<RelationKey> relations) {
        var evidence = RELATION_EVIDENCE.as("ev");
        for (RelationKey relation : relations) {
            var stated = DSL.when(evidence.ENDS.isFalse(), MEMORIES.CREATED_AT);
            var ended = DSL.when(evidence.ENDS.isTrue(), MEMORIES.CREATED_AT);
            Record6<Integer, OffsetDateTime, OffsetDateTime, OffsetDateTime, OffsetDateTime, OffsetDateTime> seen = dsl
                    .select(DSL.count(), DSL.min(stated), DSL.max(stated), DSL.max(ended), DSL.min(MEMORIES.CREATED_AT),
                            DSL.max(MEMORIES.CREATED_AT))
                    .from(evidence).join(MEMORIES).on(MEMORIES.ID.eq(evidence.MEMORY_ID))
                    .where(evidence.SOURCE_ID.eq(relation.source()), evidence.TARGET_ID.eq(relation.target()),
                            evidence.RELATION.eq(relation.relation()))
                    .fetchOne();
            var where = DSL.and(ENTITY_RELATIONS.SOURCE_ID.eq(relation.source()), ENTITY_RELATIONS.TARGET_ID.eq(relation.target()),
                    ENTITY_RELATIONS.RELATION.eq(relation.relation()));
            if (seen == null || seen.value1() == 0) {
                dsl.deleteFrom(ENTITY_RELATIONS).where(where).execute();
                continue;
            }
            OffsetDateTime latestStated = seen.value3();
            OffsetDateTime endedAt = seen.value4();
            // Ended when the latest word on it ends it: a later memory stating it again revives it.
            OffsetDateTime validTo = endedAt != null && (latestStated == null || endedAt.isAfter(latestStated)) ? endedAt : null;
            dsl.update(ENTITY_RELATIONS)
                    .set(ENTITY_RELATIONS.EVIDENCE_COUNT, seen.value1())
                    .set(ENTITY_RELATIONS.VALID_FROM, seen.value2())
                    .set(ENTITY_RELATIONS.VALID_TO, validTo)
                    .set(ENTITY_RELATIONS.FIRST_SEEN, seen.value5())
                    .set(ENTITY_RELATIONS.LAST_SEEN, seen.value6())
                    .where(where)
                    .execute();
        }
        if (entities.isEmpty()) {
            return;
        }
        dsl.update(ENTITIES)
                .set(ENTITIES.MENTION_COUNT, DSL.field(DSL.selectCount().from(ENTITY_MENTIONS)
                        .where(ENTITY_MENTIONS.ENTITY_ID.eq(ENTITIES.ID))))
                .where(ENTITIES.ID.in(entities))
                .execute();
        dsl.deleteFrom(ENTITIES).where(ENTITIES.ID.in(entities)).and(ENTITIES.MENTION_COUNT.eq(0)).execute();
        // What a withdrawn memory said about when the entity was seen goes with it.
        dsl.update(ENTITIES)
                .set(ENTITIES.FIRST_SEEN, DSL.field(DSL.select(DSL.min(ENTITY_MENTIONS.CREATED_AT)).from(ENTITY_MENTIONS)
                        .where(ENTITY_MENTIONS.ENTITY_ID.eq(ENTITIES.ID))))
                .set(ENTITIES.LAST_SEEN, DSL.field(DSL.select(DSL.max(ENTITY_MENTIONS.CREATED_AT)).from(ENTITY_MENTIONS)
                        .where(ENTITY_MENTIONS.ENTITY_ID.eq(ENTITIES.ID))))
                .where(ENTITIES.ID.in(entities))
                .execute();
        // A type a person set wins over the extractor's.
        dsl.update(ENTITIES)
                .set(ENTITIES.ENTITY_TYPE, DSL.field(DSL.select(ENTITY_TYPES.ENTITY_TYPE).from(ENTITY_TYPES)
                        .where(ENTITY_TYPES.ENTITY_KEY.eq(ENTITIES.ENTITY_KEY))))
                .where(ENTITIES.ID.in(entities))
                .and(DSL.exists(DSL.selectOne().from(ENTITY_TYPES).where(ENTITY_TYPES.ENTITY_KEY.eq(ENTITIES.ENTITY_KEY))))
                .execute();
    }

    /** One relation's identity; the symmetric kinds keep the smaller id first. */
    record RelationKey(UUID source, UUID target, String relation) {

        static RelationKey symmetric(UUID a, UUID b, String relation) {
            return unsignedCompare(a, b) <= 0 ? new RelationKey(a, b, relation) : new RelationKey(b, a, relation);
        }

        /** As Postgres orders uuids (bytes, unsigned); {@link UUID#compareTo} compares signed longs. */
        private static int unsignedCompare(UUID a, UUID b) {
            int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        }
    }
}
