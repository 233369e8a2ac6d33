package com.memorylayer.gateway.graph;

import static com.memorylayer.gateway.mcp.ToolSchemas.array;
import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.commandAnswer;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.output;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;
import static com.memorylayer.gateway.mcp.ToolSchemas.strings;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.mcp.ToolRequests;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.schemas.reads.graph.EntityGraph;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entity graph as MCP tools: the REST routes' own methods. The engine names entities where the routes take ids,
 * so a name (or alias, any case) is looked up first; an unknown name is a tool error, never an empty success.
 */
@Component
class GraphTools implements McpToolSet {

    private static final int ENTITY_MEMORIES = 50;

    private final EntityController reads;
    private final EntityCurationController curation;
    private final EntityLookups entities;
    private final ObjectMapper mapper;

    GraphTools(EntityController reads, EntityCurationController curation, EntityLookups entities, ObjectMapper mapper) {
        this.reads = reads;
        this.curation = curation;
        this.entities = entities;
        this.mapper = mapper;
    }

    @Override
    public String group() {
        return "graph";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("query", string("Part of a name or alias, any case"));
        search.put("type", string("person, organisation, place, project, tool, date, url, path, email, version or other"));
        search.put("limit", integer("How many entities, most mentioned first", 1, 500, 20));
        Map<String, Object> name = Map.of("name", string("The entity's name or an alias, any case"));
        Map<String, Object> related = new LinkedHashMap<>(name);
        related.put("max_hops", integer("How far to walk the graph", 1, 3, 2));
        Map<String, Object> graph = new LinkedHashMap<>(name);
        graph.put("depth", integer("Hops from the entity", 1, 3, 2));
        Map<String, Object> timeline = new LinkedHashMap<>(name);
        timeline.put("limit", integer("How many memories, oldest first", 1, 500, 100));
        Map<String, Object> update = new LinkedHashMap<>(name);
        update.put("alias", string("An alias to add"));
        update.put("aliases_remove", strings("Aliases to remove"));
        update.put("type", string("Its type: person, organisation, place, project, tool, date, url, path, email, version or other"));
        update.put("metadata", Map.of("type", "object", "description", "Entities keep no metadata here (the engine ignored it):"
                + " giving it is refused rather than dropped"));
        Map<String, Object> merge = new LinkedHashMap<>();
        merge.put("source_name", string("The entity that goes away"));
        merge.put("target_name", string("The entity that takes its mentions, relations and names"));
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("memory_id_1", string("One memory"));
        link.put("memory_id_2", string("The other"));
        link.put("relation", string("What ties them, e.g. related_to (default), caused_by, supersedes"));
        Map<String, Object> communities = new LinkedHashMap<>();
        communities.put("min_size", integer("The fewest entities a community shows with", 2, 1000, 3));
        communities.put("generate_summaries", bool("Summaries need a language model, which this service does not run: only false"));
        return List.of(
                new McpTool("search_entities", "Entities of the workspace's graph whose name or alias contains the query,"
                        + " most mentioned first.", object(search, "query"), Scope.READ, true, false, true, this::search)
                        .withOutput(output(Map.of("entities", array("id, name, type, aliases, mention_count, ...")), "entities")),
                McpTool.read("recall_entity", "An entity by name or alias: its type, aliases, relations and up to 50 of its memories.",
                        object(name, "name"), this::entity),
                McpTool.read("recall_related", "Entities within max_hops of a named one, nearest first, with their depth.",
                        object(related, "name"), this::related)
                        .withOutput(output(Map.of("entity_id", string("The named entity"), "max_hops", Map.of("type", "integer"),
                                "related", array("id, name, type, mention_count, depth"), "truncated", Map.of("type", "boolean")),
                                "entity_id", "related")),
                McpTool.read("entity_graph", "A named entity's neighbourhood as nodes and edges.", object(graph, "name"), this::graph),
                McpTool.read("entity_timeline", "A named entity's memories, oldest first.", object(timeline, "name"), this::timeline),
                McpTool.read("backlinks", "Other memories that share an entity with this one or are linked to it, best first.",
                        object(Map.of("memory_id", string("The memory")), "memory_id"),
                        (caller, arguments) -> json(reads.backlinks(ToolRequests.memoryId(arguments), caller))),
                McpTool.read("detect_communities", "Groups of entities that are named together (label propagation over the graph),"
                        + " biggest first.", object(communities), this::communities),
                new McpTool("update_entity", "Add or remove an entity's aliases, or set its type. Answers once applied.",
                        object(update, "name"), Scope.WRITE, false, false, true, this::update).withOutput(commandAnswer()),
                new McpTool("merge_entities", "Merge one entity into another: its mentions, relations and names move to the"
                        + " target. Answers once applied.", object(merge, "source_name", "target_name"), Scope.WRITE, false, true, false,
                        this::merge).withOutput(commandAnswer()),
                new McpTool("link_memories", "Tie two memories with a named relation; both show it in their backlinks.",
                        object(link, "memory_id_1", "memory_id_2"), Scope.WRITE, false, false, true, this::link)
                        .withOutput(commandAnswer()));
    }


    private Map<String, Object> search(WorkspaceCaller caller, ObjectNode arguments) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("q", arguments.path("query").asString(""));
        query.add("limit", Integer.toString(arguments.path("limit").asInt(20)));
        if (arguments.hasNonNull("type")) {
            query.add("type", arguments.get("type").asString());
        }
        return json(reads.search(caller, query));
    }

    private Map<String, Object> entity(WorkspaceCaller caller, ObjectNode arguments) {
        UUID id = named(caller, arguments, "name");
        Map<String, Object> entity = json(reads.entity(id, caller));
        entity.put("memories", json(reads.memories(id, caller, ToolRequests.query("limit", ENTITY_MEMORIES))).get("memories"));
        return entity;
    }

    private Map<String, Object> related(WorkspaceCaller caller, ObjectNode arguments) {
        UUID id = named(caller, arguments, "name");
        int hops = arguments.path("max_hops").asInt(2);
        EntityGraph graph = reads.graph(id, caller, ToolRequests.query("depth", hops));
        List<EntityGraph.Node> nodes = graph.nodes().stream()
                .filter(node -> !id.equals(node.id()))
                .sorted(Comparator.comparingInt(EntityGraph.Node::depth))
                .toList();
        return json(new Related(id, hops, nodes, graph.truncated()));
    }

    /** recall_related's answer: the named entity's neighbours, nearest first. */
    record Related(UUID entityId, int maxHops, List<EntityGraph.Node> related, boolean truncated) {
    }

    private Map<String, Object> graph(WorkspaceCaller caller, ObjectNode arguments) {
        return json(reads.graph(named(caller, arguments, "name"), caller, ToolRequests.query("depth", arguments.path("depth").asInt(2))));
    }

    private Map<String, Object> timeline(WorkspaceCaller caller, ObjectNode arguments) {
        return json(reads.memories(named(caller, arguments, "name"), caller, ToolRequests.query("limit", arguments.path("limit").asInt(100))));
    }

    private Map<String, Object> communities(WorkspaceCaller caller, ObjectNode arguments) {
        if (arguments.path("generate_summaries").asBoolean(false)) {
            throw ApiException.invalidField("generate_summaries", "community summaries need a language model, which this service"
                    + " does not run; call it without generate_summaries");
        }
        return json(reads.communities(caller, ToolRequests.query("min_size", arguments.path("min_size").asInt(3))));
    }

    private Map<String, Object> update(WorkspaceCaller caller, ObjectNode arguments) {
        if (arguments.has("metadata")) {
            throw ApiException.invalidField("metadata", "entities keep no metadata here; give alias, aliases_remove or type");
        }
        UUID id = named(caller, arguments, "name");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (arguments.hasNonNull("alias")) {
            body.putArray("aliases_add").add(arguments.get("alias").asString());
        }
        if (arguments.has("aliases_remove")) {
            body.set("aliases_remove", arguments.get("aliases_remove"));
        }
        if (arguments.has("type")) {
            body.set("type", arguments.get("type"));
        }
        return ToolRequests.asTool(Map.of("aliases_add", "alias"), () -> curation.update(id, body, true, caller).getBody());
    }

    private Map<String, Object> merge(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("into", named(caller, arguments, "target_name").toString());
        body.putArray("from").add(named(caller, arguments, "source_name").toString());
        return ToolRequests.asTool(Map.of("into", "target_name", "from", "source_name"), () -> curation.merge(body, true, caller).getBody());
    }

    private Map<String, Object> link(WorkspaceCaller caller, ObjectNode arguments) {
        UUID from = ToolRequests.id(arguments, "memory_id_1");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("to", ToolRequests.id(arguments, "memory_id_2").toString());
        // The engine's relations are upper case (RELATED_TO); the graph keeps them lower case.
        body.put("relation", arguments.path("relation").asString("related_to").toLowerCase(Locale.ROOT));
        return ToolRequests.asTool(Map.of("to", "memory_id_2"), () -> curation.link(from, body, true, caller).getBody());
    }

    private UUID named(WorkspaceCaller caller, ObjectNode arguments, String field) {
        String name = arguments.path(field).asString("");
        if (name.isBlank()) {
            throw ApiException.invalidField(field, "'" + field + "' must name an entity");
        }
        return entities.named(caller.workspace().id(), name).orElseThrow(() ->
                new ApiException(ErrorCode.ENTITY_NOT_FOUND, "no entity of that name or alias in this workspace (" + field + ")"));
    }

    /** A read's record as a tool's structured content: its JSON, the same shape the REST route answers. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> json(Object answer) {
        return mapper.convertValue(answer, Map.class);
    }
}
