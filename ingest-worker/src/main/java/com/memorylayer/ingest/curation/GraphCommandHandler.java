package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_ALIASES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_TYPES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_LINKS;

import com.memorylayer.entities.EntityNames;
import com.memorylayer.entities.graph.GraphIndexer;
import com.memorylayer.schemas.events.LinkMemories;
import com.memorylayer.schemas.events.MergeEntities;
import com.memorylayer.schemas.events.UpdateEntity;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.EntitiesRecord;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What people tell the graph: aliases and types of an entity, merges, links between memories. Aliases and types
 * live in their own tables, which a rebuild keeps; the derived tables follow by re-reading the memories that name
 * the names involved. An alias change or a merge may touch every memory of the workspace, so those two run on the
 * maintenance consumer ({@link MaintenanceTx}): the decision in one short transaction, the re-reading in chunks.
 */
final class GraphCommandHandler {

    /** Null when the worker keeps no graph: the decisions are still stored, and a rebuild applies them. */
    private final GraphIndexer graph;

    GraphCommandHandler(GraphIndexer graph) {
        this.graph = graph;
    }

    Applied update(MaintenanceTx m, UpdateEntity update) {
        Decided decided = decide(m, tx -> update(tx, update));
        if (decided.rejected() != null) {
            return decided.rejected();
        }
        Map<String, Object> result = new LinkedHashMap<>(decided.result());
        reread(m, decided.touchedKeys(), result);
        return result(result);
    }

    Applied merge(MaintenanceTx m, MergeEntities merge) {
        Decided decided = decide(m, tx -> merge(tx, merge));
        if (decided.rejected() != null) {
            return decided.rejected();
        }
        Map<String, Object> result = new LinkedHashMap<>(decided.result());
        reread(m, decided.touchedKeys(), result);
        return result(result);
    }

    /** What a graph command decided in its first transaction: a rejection, or its result so far and the names to re-read. */
    private record Decided(Applied rejected, Map<String, Object> result, Set<String> touchedKeys) {
    }

    private static Decided decide(MaintenanceTx m, java.util.function.Function<WorkspaceTx, Decided> work) {
        Decided[] decided = new Decided[1];
        m.write(tx -> {
            decided[0] = work.apply(tx);
            return List.of();
        });
        return decided[0];
    }

    private Decided update(WorkspaceTx tx, UpdateEntity update) {
        DSLContext dsl = tx.dsl();
        EntitiesRecord entity = dsl.selectFrom(ENTITIES).where(ENTITIES.ID.eq(update.entityId())).fetchOne();
        if (entity == null) {
            return new Decided(Applied.rejected(null, "entity_not_found"), null, null);
        }
        String key = entity.getEntityKey();
        Set<String> touchedKeys = new LinkedHashSet<>();
        touchedKeys.add(key);
        for (String alias : update.addAliases()) {
            String aliasKey = EntityNames.key(alias);
            if (aliasKey.isEmpty() || aliasKey.equals(key)) {
                continue;
            }
            // An alias moved from another entity: that entity's memories naming it are read again too.
            String previousOwner = dsl.select(ENTITY_ALIASES.ENTITY_KEY).from(ENTITY_ALIASES)
                    .where(ENTITY_ALIASES.ALIAS_KEY.eq(aliasKey)).fetchOne(ENTITY_ALIASES.ENTITY_KEY);
            if (previousOwner != null) {
                touchedKeys.add(previousOwner);
            }
            // Names that pointed at the alias (aliases resolve one step) now point here.
            dsl.update(ENTITY_ALIASES).set(ENTITY_ALIASES.ENTITY_KEY, key).where(ENTITY_ALIASES.ENTITY_KEY.eq(aliasKey)).execute();
            dsl.insertInto(ENTITY_ALIASES)
                    .set(ENTITY_ALIASES.ALIAS_KEY, aliasKey)
                    .set(ENTITY_ALIASES.ENTITY_KEY, key)
                    .set(ENTITY_ALIASES.ALIAS, EntityNames.display(alias))
                    .set(ENTITY_ALIASES.CREATED_AT, tx.nowUtc())
                    .onConflict(ENTITY_ALIASES.ALIAS_KEY).doUpdate()
                    .set(ENTITY_ALIASES.ENTITY_KEY, key)
                    .set(ENTITY_ALIASES.ALIAS, EntityNames.display(alias))
                    .execute();
            touchedKeys.add(aliasKey);
        }
        for (String alias : update.removeAliases()) {
            String aliasKey = EntityNames.key(alias);
            if (dsl.deleteFrom(ENTITY_ALIASES).where(ENTITY_ALIASES.ALIAS_KEY.eq(aliasKey), ENTITY_ALIASES.ENTITY_KEY.eq(key))
                    .execute() > 0) {
                touchedKeys.add(aliasKey);
            }
        }
        if (update.entityType() != null) {
            dsl.insertInto(ENTITY_TYPES).set(ENTITY_TYPES.ENTITY_KEY, key).set(ENTITY_TYPES.ENTITY_TYPE, update.entityType())
                    .onConflict(ENTITY_TYPES.ENTITY_KEY).doUpdate().set(ENTITY_TYPES.ENTITY_TYPE, update.entityType())
                    .execute();
            dsl.update(ENTITIES).set(ENTITIES.ENTITY_TYPE, update.entityType()).where(ENTITIES.ID.eq(entity.getId())).execute();
        }
        return new Decided(null, Map.of("entity_id", entity.getId()), touchedKeys);
    }

    private Decided merge(WorkspaceTx tx, MergeEntities merge) {
        DSLContext dsl = tx.dsl();
        EntitiesRecord into = dsl.selectFrom(ENTITIES).where(ENTITIES.ID.eq(merge.into())).fetchOne();
        if (into == null) {
            return new Decided(Applied.rejected(null, "entity_not_found"), null, null);
        }
        List<EntitiesRecord> from = dsl.selectFrom(ENTITIES).where(ENTITIES.ID.in(merge.from())).fetch();
        if (from.size() != Set.copyOf(merge.from()).size() || merge.from().contains(merge.into())) {
            return new Decided(Applied.rejected(merge.into(), "entity_not_found"), null, null);
        }
        String key = into.getEntityKey();
        Set<String> touchedKeys = new LinkedHashSet<>();
        for (EntitiesRecord source : from) {
            String sourceKey = source.getEntityKey();
            // Every name that pointed at the merged entity now points here, and so does its own.
            dsl.update(ENTITY_ALIASES).set(ENTITY_ALIASES.ENTITY_KEY, key).where(ENTITY_ALIASES.ENTITY_KEY.eq(sourceKey)).execute();
            dsl.insertInto(ENTITY_ALIASES)
                    .set(ENTITY_ALIASES.ALIAS_KEY, sourceKey)
                    .set(ENTITY_ALIASES.ENTITY_KEY, key)
                    .set(ENTITY_ALIASES.ALIAS, source.getName())
                    .set(ENTITY_ALIASES.CREATED_AT, tx.nowUtc())
                    .onConflict(ENTITY_ALIASES.ALIAS_KEY).doUpdate().set(ENTITY_ALIASES.ENTITY_KEY, key)
                    .execute();
            dsl.deleteFrom(ENTITY_TYPES).where(ENTITY_TYPES.ENTITY_KEY.eq(sourceKey)).execute();
            touchedKeys.add(sourceKey);
        }
        touchedKeys.add(key);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entity_id", into.getId());
        result.put("merged", from.stream().map(EntitiesRecord::getId).toList());
        return new Decided(null, result, touchedKeys);
    }

    Applied link(WorkspaceTx tx, LinkMemories link) {
        DSLContext dsl = tx.dsl();
        if (dsl.fetchCount(MEMORIES, MEMORIES.ID.in(link.memoryId(), link.toMemoryId())) < 2 || link.memoryId().equals(link.toMemoryId())) {
            return Applied.rejected(link.memoryId(), "memory_not_found");
        }
        dsl.insertInto(MEMORY_LINKS)
                .set(MEMORY_LINKS.FROM_MEMORY, link.memoryId())
                .set(MEMORY_LINKS.TO_MEMORY, link.toMemoryId())
                .set(MEMORY_LINKS.RELATION, link.relation())
                .set(MEMORY_LINKS.CREATED_AT, tx.nowUtc())
                .onConflictDoNothing()
                .execute();
        return new Applied(WriteOutcome.UPDATED, link.memoryId(), Map.of("from", link.memoryId(), "to", link.toMemoryId(),
                "relation", link.relation()), List.of(), null);
    }

    /**
     * Re-reads every memory that names an entity with one of these keys, in transactions of
     * {@link MaintenanceTx#rowsPerTransaction()} memories, and says how many in the result. Past the pass's time
     * bound it stops and says how many are left ({@code complete: false}): the names already point where they
     * should, and {@code admin rebuild-graph} re-reads the rest.
     */
    private void reread(MaintenanceTx m, Set<String> keys, Map<String, Object> result) {
        if (graph == null) {
            result.put("memories_reread", 0);
            result.put("complete", true);
            return;
        }
        List<UUID> ids = new ArrayList<>(keys.stream().map(GraphIndexer::entityId).toList());
        List<UUID> memories = m.read(tx -> tx.dsl().selectDistinct(ENTITY_MENTIONS.MEMORY_ID).from(ENTITY_MENTIONS)
                .where(ENTITY_MENTIONS.ENTITY_ID.in(ids)).orderBy(ENTITY_MENTIONS.MEMORY_ID).fetch(ENTITY_MENTIONS.MEMORY_ID));
        int done = 0;
        m.progress("re-reading memories", 0, (long) memories.size());
        while (done < memories.size() && !m.timeUp()) {
            List<UUID> chunk = memories.subList(done, Math.min(memories.size(), done + m.rowsPerTransaction()));
            m.write(tx -> {
                graph.reindex(tx.dsl(), chunk);
                return List.of();
            });
            done += chunk.size();
            m.progress("re-reading memories", done, (long) memories.size());
        }
        result.put("memories_reread", done);
        result.put("memories_left", memories.size() - done);
        result.put("complete", done == memories.size());
    }

    private static Applied result(Map<String, Object> result) {
        return new Applied(WriteOutcome.UPDATED, null, result, List.of(), null);
    }
}
