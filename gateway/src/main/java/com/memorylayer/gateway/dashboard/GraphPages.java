package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.reads.MemoryView;
import com.memorylayer.schemas.reads.graph.EntityGraph;
import com.memorylayer.schemas.reads.graph.EntityView;
import com.memorylayer.schemas.reads.graph.MemoryEntities;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The entity graph as a picture: an entity's neighbourhood ({@code GET /entities/{id}/graph}, 1 to 3 hops), or a
 * memory's: the memory in the middle, the entities it mentions around it ("mentions" edges), and their neighbours
 * with the relations among all of them, from each entity's one-hop graph. Drawn as server-side SVG
 * ({@link EntityGraphPicture}); the same reads, and the same {@code read} scope, as the API.
 */
@Controller
class GraphPages {

    /** A memory's entities whose neighbourhoods are read: each is one read of the query service. */
    static final int ENTITIES_EXPANDED = 12;
    /** The most nodes a memory's picture shows; past it, neighbours are left out (the rings would be unreadable). */
    static final int MAX_NODES = 40;

    private final DashboardAccess access;
    private final QueryReads query;
    private final MemoryReads memories;

    GraphPages(DashboardAccess access, QueryReads query, MemoryReads memories) {
        this.access = access;
        this.query = query;
        this.memories = memories;
    }

    @GetMapping("/app/workspaces/{slug}/entities/{id}/graph")
    String entity(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "1") int depth, Model model,
            HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.READ, request);
        if (depth < 1 || depth > 3) {
            throw ApiException.invalidField("depth", "depth must be 1 to 3");
        }
        UUID workspace = admitted.caller().workspace().id();
        EntityView entity = query.get(workspace, "/entities/" + id, EntityView.class);
        EntityGraph graph = query.get(workspace, "/entities/" + id + "/graph?depth=" + depth, EntityGraph.class);
        model.addAttribute("membership", admitted.membership());
        model.addAttribute("title", entity.name() + " (" + entity.type() + ")");
        model.addAttribute("depth", depth);
        model.addAttribute("entity", entity);
        model.addAttribute("truncated", graph.truncated());
        model.addAttribute("picture", EntityGraphPicture.of(graph, slug));
        return "graph";
    }

    @GetMapping("/app/workspaces/{slug}/memories/{id}/graph")
    String memory(@PathVariable String slug, @PathVariable UUID id, Model model, HttpServletRequest request) {
        DashboardAccess.Admitted admitted = access.caller(slug, Scope.READ, request);
        WorkspaceCaller caller = admitted.caller();
        MemoryView memory = memories.row(caller.workspace(), id).orElseThrow(() ->
                new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace"));
        List<EntityView> mentioned = query.get(caller.workspace().id(), "/memories/" + id + "/entities?limit=" + MAX_NODES,
                MemoryEntities.class).entities();
        Map<String, EntityGraphPicture.Spot> spots = new LinkedHashMap<>();
        Set<EntityGraphPicture.Link> links = new LinkedHashSet<>();
        String centre = "memory:" + id;
        spots.put(centre, new EntityGraphPicture.Spot(centre, memory.content(), "memory", 0, 0,
                "/app/workspaces/" + slug + "/memories/" + id));
        for (EntityView entity : mentioned) {
            spots.put(entity.id().toString(), new EntityGraphPicture.Spot(entity.id().toString(), entity.name(), entity.type(), 1,
                    entity.mentionCount(), EntityGraphPicture.entityPage(slug, entity.id())));
            links.add(new EntityGraphPicture.Link(centre, entity.id().toString(), "mentions"));
        }
        List<EntityGraph.Edge> edges = new ArrayList<>();
        for (EntityView entity : mentioned.stream().limit(ENTITIES_EXPANDED).toList()) {
            EntityGraph graph = query.get(caller.workspace().id(), "/entities/" + entity.id() + "/graph?depth=1", EntityGraph.class);
            for (EntityGraph.Node node : graph.nodes()) {
                if (spots.size() < MAX_NODES) {
                    spots.putIfAbsent(node.id().toString(), new EntityGraphPicture.Spot(node.id().toString(), node.name(), node.type(),
                            2, node.mentionCount(), EntityGraphPicture.entityPage(slug, node.id())));
                }
            }
            edges.addAll(graph.edges());
        }
        for (EntityGraph.Edge edge : edges) {
            links.add(new EntityGraphPicture.Link(edge.source().toString(), edge.target().toString(), edge.relation()));
        }
        model.addAttribute("membership", admitted.membership());
        model.addAttribute("title", "Memory " + id);
        model.addAttribute("memory", memory);
        model.addAttribute("truncated", mentioned.size() > ENTITIES_EXPANDED || spots.size() >= MAX_NODES);
        model.addAttribute("picture", EntityGraphPicture.of(List.copyOf(spots.values()), List.copyOf(links)));
        return "graph";
    }
}
