package com.memorylayer.gateway.graph;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_ALIASES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORY_LINKS;

import com.memorylayer.entities.EntityNames;
import com.memorylayer.entities.graph.GraphIndexer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceReadDsl;
import com.memorylayer.gateway.tenant.WorkspaceReadProperties;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.EntitiesRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * memories in time order, its neighbourhood, a memory's backlinks, and communities. Read straight from Postgres,
 * the system of record, like the memory reads, on the workspace-read pool.
 */
@Component
class EntityReads {

    /** Relations shown with one entity; the graph route has its own bound. */
    static final int RELATIONS_SHOWN = 50;
    static final int MAX_GRAPH_NODES = 200;
    /** The strongest relations read per hop, and returned. */
    static final int MAX_GRAPH_EDGES = 1_000;
    static final int BACKLINKS = 20;

    private final WorkspaceReadDsl workspaces;
    private final int maxRelations;

    EntityReads(WorkspaceReadDsl workspaces, WorkspaceReadProperties properties) {
        this.workspaces = workspaces;
        this.maxRelations = properties.maxGraphRelations();
    }

    private DSLContext in(Workspace workspace) {
        return workspaces.in(workspace);
    }

    /** The entity of this name or alias (case, a possessive and a leading "the" aside), as the engine looks names up. */
    Optional<UUID> named(Workspace workspace, String name) {
        String key = EntityNames.key(name);
        DSLContext dsl = in(workspace);
        UUID id = dsl.select(ENTITIES.ID).from(ENTITIES).where(ENTITIES.ENTITY_KEY.eq(key)).fetchOne(ENTITIES.ID);
        if (id == null) {
            id = dsl.select(ENTITIES.ID).from(ENTITY_ALIASES).join(ENTITIES).on(ENTITIES.ENTITY_KEY.eq(ENTITY_ALIASES.ENTITY_KEY))
                    .where(ENTITY_ALIASES.ALIAS_KEY.eq(key)).fetchOne(ENTITIES.ID);
        }
        return Optional.ofNullable(id);
    }

    boolean exists(Workspace workspace, UUID id) {
        return in(workspace).fetchExists(ENTITIES, ENTITIES.ID.eq(id));
    }

    List<Map<String, Object>> search(Workspace workspace, String query, String type, int limit) {
        DSLContext dsl = in(workspace);
        Condition where = DSL.trueCondition();
        if (query != null && !query.isBlank()) {
            String pattern = "%" + escapeLike(query.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
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
        return rows.stream().map(r -> entity(r, aliases.getOrDefault(r.getEntityKey(), List.of()))).toList();
    }

    Optional<Map<String, Object>> entity(Workspace workspace, UUID id) {
        DSLContext dsl = in(workspace);
        EntitiesRecord row = dsl.selectFrom(ENTITIES).where(ENTITIES.ID.eq(id)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        Map<String, Object> entity = entity(row, aliases(dsl, List.of(row.getEntityKey())).getOrDefault(row.getEntityKey(), List.of()));
        var other = ENTITIES.as("other");
        List<Map<String, Object>> relations = new ArrayList<>();
        dsl.select(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID, ENTITY_RELATIONS.RELATION, ENTITY_RELATIONS.EVIDENCE_COUNT,
                        ENTITY_RELATIONS.VALID_FROM, ENTITY_RELATIONS.VALID_TO, ENTITY_RELATIONS.LAST_SEEN, other.ID, other.NAME,
                        other.ENTITY_TYPE)
                .from(ENTITY_RELATIONS)
                .join(other).on(other.ID.eq(DSL.when(ENTITY_RELATIONS.SOURCE_ID.eq(id), ENTITY_RELATIONS.TARGET_ID)
                        .otherwise(ENTITY_RELATIONS.SOURCE_ID)))
                .where(ENTITY_RELATIONS.SOURCE_ID.eq(id).or(ENTITY_RELATIONS.TARGET_ID.eq(id)))
                .orderBy(ENTITY_RELATIONS.EVIDENCE_COUNT.desc(), ENTITY_RELATIONS.LAST_SEEN.desc())
                .limit(RELATIONS_SHOWN)
                .forEach(r -> {
                    Map<String, Object> relation = new LinkedHashMap<>();
                    relation.put("relation", r.get(ENTITY_RELATIONS.RELATION));
                    relation.put("direction", r.get(ENTITY_RELATIONS.SOURCE_ID).equals(id) ? "out" : "in");
                    relation.put("entity", Map.of("id", r.get(other.ID), "name", r.get(other.NAME), "type", r.get(other.ENTITY_TYPE)));
                    relation.put("evidence_count", r.get(ENTITY_RELATIONS.EVIDENCE_COUNT));
                    relation.put("valid_from", r.get(ENTITY_RELATIONS.VALID_FROM));
                    relation.put("valid_to", r.get(ENTITY_RELATIONS.VALID_TO));
                    relation.put("last_seen", r.get(ENTITY_RELATIONS.LAST_SEEN));
                    relations.add(relation);
                });
        entity.put("relations", relations);
        return Optional.of(entity);
    }

    /** The entity's memories, oldest first. Empty when there is no such entity. */
    Optional<List<Map<String, Object>>> memories(Workspace workspace, UUID id, int limit) {
        DSLContext dsl = in(workspace);
        if (!dsl.fetchExists(ENTITIES, ENTITIES.ID.eq(id))) {
            return Optional.empty();
        }
        return Optional.of(dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.CREATED_AT, MEMORIES.LAYER, MEMORIES.MEMORY_TYPE,
                        MEMORIES.STATUS, MEMORIES.SESSION_ID, ENTITY_MENTIONS.SURFACE)
                .from(ENTITY_MENTIONS).join(MEMORIES).on(MEMORIES.ID.eq(ENTITY_MENTIONS.MEMORY_ID))
                .where(ENTITY_MENTIONS.ENTITY_ID.eq(id))
                .orderBy(MEMORIES.CREATED_AT, MEMORIES.ID)
                .limit(limit)
                .fetch(r -> {
                    Map<String, Object> memory = new LinkedHashMap<>();
                    memory.put("id", r.get(MEMORIES.ID));
                    memory.put("content", r.get(MEMORIES.CONTENT));
                    memory.put("created_at", r.get(MEMORIES.CREATED_AT));
                    memory.put("layer", r.get(MEMORIES.LAYER));
                    memory.put("memory_type", r.get(MEMORIES.MEMORY_TYPE));
                    memory.put("status", r.get(MEMORIES.STATUS));
                    memory.put("session_id", r.get(MEMORIES.SESSION_ID));
                    memory.put("mentioned_as", r.get(ENTITY_MENTIONS.SURFACE));
                    return memory;
                }));
    }

    /**
     * Nodes within {@code depth} hops of the entity (breadth first, strongest relations first, at most
     * {@link #MAX_GRAPH_NODES}) and the strongest edges among them (at most {@link #MAX_GRAPH_EDGES}).
     */
    Optional<Map<String, Object>> graph(Workspace workspace, UUID id, int depth) {
        DSLContext dsl = in(workspace);
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
        List<Map<String, Object>> nodes = new ArrayList<>();
        Map<UUID, EntitiesRecord> rows = new HashMap<>();
        dsl.selectFrom(ENTITIES).where(ENTITIES.ID.in(depthOf.keySet())).forEach(r -> rows.put(r.getId(), r));
        depthOf.forEach((node, hop) -> {
            EntitiesRecord row = rows.get(node);
            if (row != null) {
                nodes.add(Map.of("id", node, "name", row.getName(), "type", row.getEntityType(), "mention_count",
                        row.getMentionCount(), "depth", hop));
            }
        });
        List<Map<String, Object>> edges = dsl.selectFrom(ENTITY_RELATIONS)
                .where(ENTITY_RELATIONS.SOURCE_ID.in(depthOf.keySet()), ENTITY_RELATIONS.TARGET_ID.in(depthOf.keySet()))
                .orderBy(ENTITY_RELATIONS.EVIDENCE_COUNT.desc())
                .limit(MAX_GRAPH_EDGES)
                .fetch(r -> {
                    Map<String, Object> edge = new LinkedHashMap<>();
                    edge.put("source", r.getSourceId());
                    edge.put("target", r.getTargetId());
                    edge.put("relation", r.getRelation());
                    edge.put("evidence_count", r.getEvidenceCount());
                    edge.put("valid_to", r.getValidTo());
                    return edge;
                });
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("root", id);
        graph.put("depth", depth);
        graph.put("nodes", nodes);
        graph.put("edges", edges);
        graph.put("truncated", truncated);
        return Optional.of(graph);
    }

    /**
     * Other memories that share an entity with this one or are linked to it, best first: explicit links, then by
     * how many entities they share. Only memories recalled by default. Empty when there is no such memory.
     */
    Optional<List<Map<String, Object>>> backlinks(Workspace workspace, UUID memoryId) {
        DSLContext dsl = in(workspace);
        if (!dsl.fetchExists(MEMORIES, MEMORIES.ID.eq(memoryId))) {
            return Optional.empty();
        }
        Map<UUID, Map<String, Object>> found = new LinkedHashMap<>();
        dsl.select(MEMORY_LINKS.FROM_MEMORY, MEMORY_LINKS.TO_MEMORY, MEMORY_LINKS.RELATION).from(MEMORY_LINKS)
                .where(MEMORY_LINKS.FROM_MEMORY.eq(memoryId).or(MEMORY_LINKS.TO_MEMORY.eq(memoryId)))
                .forEach(r -> {
                    UUID other = r.value1().equals(memoryId) ? r.value2() : r.value1();
                    found.computeIfAbsent(other, o -> new LinkedHashMap<>()).put("link", Map.of("relation", r.value3(),
                            "direction", r.value1().equals(memoryId) ? "out" : "in"));
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
                .forEach(r -> found.computeIfAbsent(r.value1(), o -> new LinkedHashMap<>()).put("via_entities", List.of(r.value2())));
        if (found.isEmpty()) {
            return Optional.of(List.of());
        }
        Map<UUID, Map<String, Object>> rows = new HashMap<>();
        dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.CREATED_AT, MEMORIES.STATUS, MEMORIES.IMPORTANCE).from(MEMORIES)
                .where(MEMORIES.ID.in(found.keySet()), MEMORIES.STATUS.in(GraphIndexer.GRAPHED_WIRE))
                .forEach(r -> rows.put(r.value1(), Map.of("id", r.value1(), "content", r.value2(), "created_at", r.value3(),
                        "status", r.value4(), "importance", r.value5())));
        List<Map<String, Object>> backlinks = new ArrayList<>();
        for (Map.Entry<UUID, Map<String, Object>> entry : found.entrySet()) {
            Map<String, Object> row = rows.get(entry.getKey());
            if (row == null) {
                continue;
            }
            Map<String, Object> backlink = new LinkedHashMap<>(row);
            backlink.put("via_entities", entry.getValue().getOrDefault("via_entities", List.of()));
            backlink.put("link", entry.getValue().get("link"));
            backlinks.add(backlink);
            if (backlinks.size() == BACKLINKS) {
                break;
            }
        }
        return Optional.of(backlinks);
    }

    /**
     * The current relations as undirected weighted edges, for community detection: at most
     * {@code memorylayer.workspace-reads.max-graph-relations} of them, the strongest first, so a huge graph is never
     * loaded whole into the gateway's heap.
     */
    Edges edges(Workspace workspace) {
        var weight = DSL.sum(ENTITY_RELATIONS.EVIDENCE_COUNT);
        List<WeightedEdge> edges = in(workspace).select(ENTITY_RELATIONS.SOURCE_ID, ENTITY_RELATIONS.TARGET_ID, weight)
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

    Map<UUID, EntitiesRecord> entities(Workspace workspace, Set<UUID> ids) {
        Map<UUID, EntitiesRecord> rows = new HashMap<>();
        in(workspace).selectFrom(ENTITIES).where(ENTITIES.ID.in(ids)).forEach(r -> rows.put(r.getId(), r));
        return rows;
    }

    record WeightedEdge(UUID a, UUID b, double weight) {
    }

    static Map<String, Object> entity(EntitiesRecord row, List<String> aliases) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", row.getId());
        entity.put("name", row.getName());
        entity.put("type", row.getEntityType());
        entity.put("aliases", aliases);
        entity.put("mention_count", row.getMentionCount());
        entity.put("first_seen", row.getFirstSeen());
        entity.put("last_seen", row.getLastSeen());
        return entity;
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
