package com.memorylayer.gateway.graph;

import com.memorylayer.entities.EntityType;
import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.EntitiesRecord;
import com.memorylayer.web.error.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading the entity graph the ingest worker keeps from the memories. */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class EntityController {

    static final int MAX_COMMUNITIES = 50;
    static final int MEMBERS_SHOWN = 20;

    private final EntityReads reads;

    EntityController(EntityReads reads) {
        this.reads = reads;
    }

    @GetMapping("/entities")
    @RequiresScope(Scope.READ)
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "part of a name or alias, any case")
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "person, organisation, place, project, tool, date, url, path, email, version or other")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    Map<String, Object> search(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, Set.of("q", "type", "limit"));
        String type = parameters.text("type");
        if (type != null && EntityType.fromWire(type).isEmpty()) {
            throw ApiException.invalidField("type", "type must be one of person, organisation, place, project, tool, date, url, "
                    + "path, email, version, other");
        }
        return Map.of("entities", reads.search(caller.workspace(), parameters.text("q"), type, parameters.limit()));
    }

    @GetMapping("/entities/{id}")
    @RequiresScope(Scope.READ)
    Map<String, Object> entity(@PathVariable UUID id, WorkspaceCaller caller) {
        return reads.entity(caller.workspace(), id).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/entities/{id}/memories")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    Map<String, Object> memories(@PathVariable UUID id, WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        int limit = ListParameters.of(query, Set.of("limit")).limit();
        return Map.of("entity_id", id, "memories", reads.memories(caller.workspace(), id, limit).orElseThrow(() -> notFound(id)));
    }

    @GetMapping("/entities/{id}/graph")
    @RequiresScope(Scope.READ)
    @Parameter(name = "depth", in = ParameterIn.QUERY, description = "hops from the entity, 1-3, default 1")
    Map<String, Object> graph(@PathVariable UUID id, WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, Set.of("depth"));
        int depth = parameters.integer("depth", 1, 3, 1);
        return reads.graph(caller.workspace(), id, depth).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/memories/{id}/backlinks")
    @RequiresScope(Scope.READ)
    Map<String, Object> backlinks(@PathVariable UUID id, WorkspaceCaller caller) {
        return Map.of("memory_id", id, "backlinks", reads.backlinks(caller.workspace(), id).orElseThrow(() ->
                new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace")));
    }

    @GetMapping("/graph/communities")
    @RequiresScope(Scope.READ)
    @Parameter(name = "min_size", in = ParameterIn.QUERY, description = "the fewest entities a community shows with, 2-1000, default 3")
    Map<String, Object> communities(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, Set.of("min_size"));
        int minSize = parameters.integer("min_size", 2, 1000, 3);
        EntityReads.Edges edges = reads.edges(caller.workspace());
        Map<UUID, UUID> label = LabelPropagation.communities(edges.edges());
        Map<UUID, List<UUID>> members = new HashMap<>();
        label.forEach((node, community) -> members.computeIfAbsent(community, c -> new ArrayList<>()).add(node));
        List<List<UUID>> kept = members.values().stream().filter(m -> m.size() >= minSize)
                .sorted(Comparator.<List<UUID>>comparingInt(List::size).reversed().thenComparing(m -> m.stream().sorted().findFirst().orElseThrow()))
                .limit(MAX_COMMUNITIES).toList();
        Map<UUID, EntitiesRecord> rows = reads.entities(caller.workspace(),
                kept.stream().flatMap(List::stream).collect(java.util.stream.Collectors.toSet()));
        List<Map<String, Object>> communities = new ArrayList<>();
        for (List<UUID> community : kept) {
            List<Map<String, Object>> shown = community.stream().map(rows::get).filter(java.util.Objects::nonNull)
                    .sorted(Comparator.comparingInt(EntitiesRecord::getMentionCount).reversed().thenComparing(EntitiesRecord::getEntityKey))
                    .limit(MEMBERS_SHOWN)
                    .map(r -> Map.<String, Object>of("id", r.getId(), "name", r.getName(), "type", r.getEntityType(),
                            "mention_count", r.getMentionCount()))
                    .toList();
            communities.add(Map.of("size", community.size(), "entities", shown));
        }
        // truncated: the graph has more relations than a read may load, and these communities are of its strongest.
        return Map.of("min_size", minSize, "communities", communities, "relations_read", edges.edges().size(),
                "truncated", edges.truncated());
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.ENTITY_NOT_FOUND, "no entity " + id + " in this workspace");
    }
}
