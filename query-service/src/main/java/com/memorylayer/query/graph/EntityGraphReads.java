package com.memorylayer.query.graph;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_ALIASES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_LINKS;

import com.memorylayer.entities.EntityNames;
import com.memorylayer.entities.graph.GraphIndexer;
import com.memorylayer.query.reads.WorkspaceReadPool;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.EntitiesRecord;
import com.memorylayer.schemas.reads.graph.Backlinks;
import com.memorylayer.schemas.reads.graph.EntityGraph;
import com.memorylayer.schemas.reads.graph.EntityMemories;
import com.memorylayer.schemas.reads.graph.EntityView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Reads a workspace's entity graph from its schema: entity search, one entity with its aliases and relations, its
 * memories in time order, its neighbourhood, a memory's backlinks, and the relations communities are found among.
 * Read straight from Postgres, the system of record, on the bounded workspace-read pool.
 */
@Component
class EntityGraphReads {

    /** Relations shown with one entity; the graph route has its own bound. */
    static final int RELATIONS_SHOWN = 50;
    static final int MAX_GRAPH_NODES = 200;
    /** The strongest relations read per hop, and returned. */
    static final int MAX_GRAPH_EDGES = 1_000;
    static final int BACKLINKS = 20;

    private final WorkspaceReadPool workspaces;

    EntityGraphReads(WorkspaceReadPool workspaces) {
        this.workspaces = workspaces;
    }

    private DSLContext in(UUID workspaceId) {
        return workspaces.in(workspaceId);
    }

    /** The entity of this name or alias (case, a possessive and a leading "the" aside), as the engine looks names up. */
    Optional<UUID> named(UUID workspaceId, String name) {
        String key = EntityNames.key(name);
        DSLContext dsl = in(workspaceId);
        UUID id = dsl.select(ENTITIES.ID).from(ENTITIES).where(ENTITIES.ENTITY_KEY.eq(key)).fetchOne(ENTITIES.ID);
        if (id == null) {
            id = dsl.select(ENTITIES.ID).from(ENTITY_ALIASES).join(ENTITIES).on(ENTITIES.ENTITY_KEY.eq(ENTITY_ALIASES.ENTITY_KEY))
                    .where(ENTITY_ALIASES.ALIAS_KEY.eq(key)).fetchOne(ENTITIES.ID);
        }
        return Optional.ofNullable(id);
    }

    /** Which of these ids name no entity. */
    List<UUID> missing(UUID workspaceId, Collection<UUID> ids) {
        Set<UUID> found = new java.util.HashSet<>(in(workspaceId).select(ENTITIES.ID).from(ENTITIES).where(ENTITIES.ID.in(ids))
                .fetch(ENTITIES.ID));
        return ids.stream().filter(id -> !found.contains(id)).toList();
    }

    List<EntityView> search(UUID workspaceId, String query, String type, int limit) {
        DSLContext dsl = in(workspaceId);
        Condition where = DSL.trueCondition();
        if (query != null && !query.isBlank()) {
            String pattern = "%" + escapeLike(query.strip().toLowerCase(Locale.ROOT)) + "%";
            where = where.and(ENTITIES.ENTITY_KEY.like(pattern, '\\')
                    .or(DSL.lower(ENTITIES.NAME).like(pattern, '\\'))
                    .or(ENTITIES.ENTITY_KEY.in(DSL.select(ENTITY_ALIASES.ENTITY_KEY).from(ENTITY_ALIASES)
                            .where(ENTITY_ALIASES.ALIAS_KEY.like(pattern, '\\')))));
        }
        if (type != null) {
            where = where.and(ENTITIES.ENTITY_TYPE.eq(type));
        }
        List<EntitiesRecord> rows = dsl.selectFrom(ENTITIES).where(where)
                .orderBy(ENTITIES.MENTION_COUNT.desc(), ENTITIES.ENTITY_KEY).limit(limit).fetch();
        Map<String, List<String>> aliases = aliases(dsl, rows.stream().map(EntitiesRecord::getEntityKey).toList());
        return rows.stream().map(r -> entity(r, aliases.getOrDefault(r.getEntityKey(), List.of()), null)).toList();
    }

    Optional<EntityView> entity(UUID workspaceId, UUID id) {
        DSLContext dsl = in(workspaceId);
        EntitiesRecord row = dsl.selectFrom(ENTITIES).where(ENTITIES.ID.eq(id)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        var other = ENTITIES.as("other");
        List<EntityView.Relation> relations = dsl.select(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID,
                        ENTITY_RELATIONS.RELATION, ENTITY_RELATIONS.EVIDENCE_COUNT, ENTITY_RELATIONS.VALID_FROM,
                        ENTITY_RELATIONS.VALID_TO, ENTITY_RELATIONS.LAST_SEEN, other.ID, other.NAME, other.ENTITY_TYPE)
                .from(ENTITY_RELATIONS)
                .join(other).on(other.ID.eq(DSL.when(ENTITY_RELATIONS.SOURCE_ID.eq(id), ENTITY_RELATIONS.TARGET_ID)
                        .otherwise(ENTITY_RELATIONS.SOURCE_ID)))
                .where(ENTITY_RELATIONS.SOURCE_ID.eq(id).or(ENTITY_RELATIONS.TARGET_ID.eq(id)))
                .orderBy(ENTITY_RELATIONS.EVIDENCE_COUNT.desc(), ENTITY_RELATIONS.LAST_SEEN.desc())
                .limit(RELATIONS_SHOWN)
                .fetch(r -> new EntityView.Relation(r.get(ENTITY_RELATIONS.RELATION),
                        r.get(ENTITY_RELATIONS.SOURCE_ID).equals(id) ? "out" : "in",
                        new EntityView.EntityRef(r.get(other.ID), r.get(other.NAME), r.get(other.ENTITY_TYPE)),
                        r.get(ENTITY_RELATIONS.EVIDENCE_COUNT), r.get(ENTITY_RELATIONS.VALID_FROM), r.get(ENTITY_RELATIONS.VALID_TO),
                        r.get(ENTITY_RELATIONS.LAST_SEEN)));
        return Optional.of(entity(row, aliases(dsl, List.of(row.getEntityKey())).getOrDefault(row.getEntityKey(), List.of()),
                relations));
    }

    /** The entities a memory mentions, most mentioned first (at most {@code limit}). Empty when there is no such memory. */
    Optional<List<EntityView>> mentionedBy(UUID workspaceId, UUID memoryId, int limit) {
        DSLContext dsl = in(workspaceId);
        if (!dsl.fetchExists(MEMORIES, MEMORIES.ID.eq(memoryId))) {
            return Optional.empty();
        }
        List<EntitiesRecord> rows = dsl.selectFrom(ENTITIES)
                .where(ENTITIES.ID.in(DSL.select(ENTITY_MENTIONS.ENTITY_ID).from(ENTITY_MENTIONS)
                        .where(ENTITY_MENTIONS.MEMORY_ID.eq(memoryId))))
                .orderBy(ENTITIES.MENTION_COUNT.desc(), ENTITIES.ENTITY_KEY).limit(limit).fetch();
        Map<String, List<String>> aliases = aliases(dsl, rows.stream().map(EntitiesRecord::getEntityKey).toList());
        return Optional.of(rows.stream().map(r -> entity(r, aliases.getOrDefault(r.getEntityKey(), List.of()), null)).toList());
    }

    /** The entity's memories, oldest first. Empty when there is no such entity. */
    Optional<List<EntityMemories.Memory>> memories(UUID workspaceId, UUID id, int limit) {
        DSLContext dsl = in(workspaceId);
        if (!dsl.fetchExists(ENTITIES, ENTITIES.ID.eq(id))) {
            return Optional.empty();
        }
        return Optional.of(dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.CREATED_AT, MEMORIES.LAYER, MEMORIES.MEMORY_TYPE,
                        MEMORIES.STATUS, MEMORIES.SESSION_ID, ENTITY_MENTIONS.SURFACE)
                .from(ENTITY_MENTIONS).join(MEMORIES).on(MEMORIES.ID.eq(ENTITY_MENTIONS.MEMORY_ID))
                .where(ENTITY_MENTIONS.ENTITY_ID.eq(id))
                .orderBy(MEMORIES.CREATED_AT, MEMORIES.ID)
                .limit(limit)
                .fetch(r -> new EntityMemories.Memory(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8())));
    }

    /**
     * Nodes within {@code depth} hops of the entity (breadth first, strongest relations first, at most
     * {@link #MAX_GRAPH_NODES}) and the strongest edges among them (at most {@link #MAX_GRAPH_EDGES}).
     */
    Optional<EntityGraph> graph(UUID workspaceId, UUID id, int depth) {
        DSLContext dsl = in(workspaceId);
        if (!dsl.fetchExists(ENTITIES, ENTITIES.ID.eq(id))) {
            return Optional.empty();
        }
        Map<UUID, Integer> depthOf = new LinkedHashMap<>();
        depthOf.put(id, 0);
        Set<UUID> frontier = Set.of(id);
        boolean truncated = false;
        for (int hop = 1; hop <= depth && !frontier.isEmpty(); hop++) {
            Set<UUID> next = new LinkedHashSet<>();
            var edges = dsl.select(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID).from(ENTITY_RELATIONS)
                    .where(ENTITY_RELATIONS.SOURCE_ID.in(frontier).or(ENTITY_RELATIONS.TARGET_ID.in(frontier)))
                    .orderBy(ENTITY_RELATIONS.EVIDENCE_COUNT.desc())
                    // Nodes are taken strongest relation first until MAX_GRAPH_NODES: a much-named entity's weakest
                    // thousands of relations could never add one.
                    .limit(MAX_GRAPH_EDGES)
                    .fetch();
            for (var edge : edges) {
                for (UUID node : List.of(edge.value1(), edge.value2())) {
                    if (!depthOf.containsKey(node)) {
                        if (depthOf.size() >= MAX_GRAPH_NODES) {
                            truncated = true;
                            continue;
                        }
                        depthOf.put(node, hop);
                        next.add(node);
                    }
                }
            }
            frontier = next;
        }
        Map<UUID, EntitiesRecord> rows = entities(workspaceId, depthOf.keySet());
        List<EntityGraph.Node> nodes = new ArrayList<>();
        depthOf.forEach((node, hop) -> {
            EntitiesRecord row = rows.get(node);
            if (row != null) {
                nodes.add(new EntityGraph.Node(node, row.getName(), row.getEntityType(), row.getMentionCount(), hop));
            }
        });
        List<EntityGraph.Edge> edges = dsl.selectFrom(ENTITY_RELATIONS)
                .where(ENTITY_RELATIONS.SOURCE_ID.in(depthOf.keySet()), ENTITY_RELATIONS.TARGET_ID.in(depthOf.keySet()))
                .orderBy(ENTITY_RELATIONS.EVIDENCE_COUNT.desc())
                .limit(MAX_GRAPH_EDGES)
                .fetch(r -> new EntityGraph.Edge(r.getSourceId(), r.getTargetId(), r.getRelation(), r.getEvidenceCount(),
                        r.getValidTo()));
        return Optional.of(new EntityGraph(id, depth, nodes, edges, truncated));
    }

    /**
     * Other memories that share an entity with this one or are linked to it, best first: explicit links, then by
     * how many entities they share. Only memories recalled by default. Empty when there is no such memory.
     */
    Optional<List<Backlinks.Backlink>> backlinks(UUID workspaceId, UUID memoryId) {
        DSLContext dsl = in(workspaceId);
        if (!dsl.fetchExists(MEMORIES, MEMORIES.ID.eq(memoryId))) {
            return Optional.empty();
        }
        Map<UUID, Backlinks.Link> links = new LinkedHashMap<>();
        Map<UUID, List<String>> via = new HashMap<>();
        Set<UUID> found = new LinkedHashSet<>();
        dsl.select(MEMORY_LINKS.FROM_MEMORY, MEMORY_LINKS.TO_MEMORY, MEMORY_LINKS.RELATION).from(MEMORY_LINKS)
                .where(MEMORY_LINKS.FROM_MEMORY.eq(memoryId).or(MEMORY_LINKS.TO_MEMORY.eq(memoryId)))
                .forEach(r -> {
                    UUID other = r.value1().equals(memoryId) ? r.value2() : r.value1();
                    found.add(other);
                    links.put(other, new Backlinks.Link(r.value3(), r.value1().equals(memoryId) ? "out" : "in"));
                });
        var mine = ENTITY_MENTIONS.as("mine");
        var theirs = ENTITY_MENTIONS.as("theirs");
        dsl.select(theirs.MEMORY_ID, DSL.arrayAgg(ENTITIES.NAME).orderBy(ENTITIES.MENTION_COUNT.desc()), DSL.count())
                .from(mine)
                .join(theirs).on(theirs.ENTITY_ID.eq(mine.ENTITY_ID), theirs.MEMORY_ID.ne(memoryId))
                .join(ENTITIES).on(ENTITIES.ID.eq(mine.ENTITY_ID))
                .where(mine.MEMORY_ID.eq(memoryId))
                .groupBy(theirs.MEMORY_ID)
                .orderBy(DSL.count().desc(), theirs.MEMORY_ID)
                .limit(BACKLINKS * 4)
                .forEach(r -> {
                    found.add(r.value1());
                    via.put(r.value1(), List.of(r.value2()));
                });
        if (found.isEmpty()) {
            return Optional.of(List.of());
        }
        Map<UUID, Backlinks.Backlink> rows = new HashMap<>();
        dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.CREATED_AT, MEMORIES.STATUS, MEMORIES.IMPORTANCE).from(MEMORIES)
                .where(MEMORIES.ID.in(found), MEMORIES.STATUS.in(GraphIndexer.GRAPHED_WIRE))
                .forEach(r -> rows.put(r.value1(), new Backlinks.Backlink(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        via.getOrDefault(r.value1(), List.of()), links.get(r.value1()))));
        return Optional.of(found.stream().map(rows::get).filter(java.util.Objects::nonNull).limit(BACKLINKS).toList());
    }

    /**
     * The current relations as undirected weighted edges, for community detection: at most {@code maxRelations} of
     * them, the strongest first, so a huge graph is never loaded whole into this service's heap.
     */
    Edges edges(UUID workspaceId, int maxRelations) {
        var weight = DSL.sum(ENTITY_RELATIONS.EVIDENCE_COUNT);
        List<WeightedEdge> edges = in(workspaceId).select(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID, weight)
                .from(ENTITY_RELATIONS)
                .where(ENTITY_RELATIONS.VALID_TO.isNull())
                .groupBy(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID)
                .orderBy(weight.desc(), ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID)
                .limit(maxRelations + 1)
                .fetch(r -> new WeightedEdge(r.value1(), r.value2(), r.value3().doubleValue()));
        boolean truncated = edges.size() > maxRelations;
        return new Edges(truncated ? edges.subList(0, maxRelations) : edges, truncated);
    }

    /** The edges read, and whether the graph had more than the bound (the weakest left out). */
    record Edges(List<WeightedEdge> edges, boolean truncated) {
    }

    record WeightedEdge(UUID a, UUID b, double weight) {
    }

    Map<UUID, EntitiesRecord> entities(UUID workspaceId, Set<UUID> ids) {
        Map<UUID, EntitiesRecord> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            in(workspaceId).selectFrom(ENTITIES).where(ENTITIES.ID.in(ids)).forEach(r -> rows.put(r.getId(), r));
        }
        return rows;
    }

    private static EntityView entity(EntitiesRecord row, List<String> aliases, List<EntityView.Relation> relations) {
        return new EntityView(row.getId(), row.getName(), row.getEntityType(), aliases, row.getMentionCount(), row.getFirstSeen(),
                row.getLastSeen(), relations);
    }

    private static Map<String, List<String>> aliases(DSLContext dsl, List<String> keys) {
        Map<String, List<String>> aliases = new HashMap<>();
        if (keys.isEmpty()) {
            return aliases;
        }
        dsl.select(ENTITY_ALIASES.ENTITY_KEY, ENTITY_ALIASES.ALIAS).from(ENTITY_ALIASES).where(ENTITY_ALIASES.ENTITY_KEY.in(keys))
                .orderBy(ENTITY_ALIASES.ALIAS)
                .forEach(r -> aliases.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return aliases;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
