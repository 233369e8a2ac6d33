package com.memorylayer.gateway.graph;

import com.memorylayer.entities.EntityType;
import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.ListParameters;
import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.reads.graph.Backlinks;
import com.memorylayer.schemas.reads.graph.Communities;
import com.memorylayer.schemas.reads.graph.EntityGraph;
import com.memorylayer.schemas.reads.graph.EntityList;
import com.memorylayer.schemas.reads.graph.EntityMemories;
import com.memorylayer.schemas.reads.graph.EntityView;
import com.memorylayer.web.error.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading the entity graph the ingest worker keeps from the memories. The query service reads it (issue 25: the
 * gateway reads no workspace table); here the caller, its scope and the public parameters are checked.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class EntityController {

    private final QueryReads reads;

    EntityController(QueryReads reads) {
        this.reads = reads;
    }

    @GetMapping("/entities")
    @RequiresScope(Scope.READ)
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "part of a name or alias, any case")
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "person, organisation, place, project, tool, date, url, path, email, version or other")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    EntityList search(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        ListParameters parameters = ListParameters.of(query, Set.of("q", "type", "limit"));
        String type = parameters.text("type");
        if (type != null && EntityType.fromWire(type).isEmpty()) {
            throw ApiException.invalidField("type", "type must be one of person, organisation, place, project, tool, date, url, "
                    + "path, email, version, other");
        }
        StringBuilder route = new StringBuilder("/entities?limit=").append(parameters.limit());
        String q = parameters.text("q");
        if (q != null) {
            route.append("&q=").append(encode(q));
        }
        if (type != null) {
            route.append("&type=").append(encode(type));
        }
        return reads.get(caller.workspace().id(), route.toString(), EntityList.class);
    }

    @GetMapping("/entities/{id}")
    @RequiresScope(Scope.READ)
    EntityView entity(@PathVariable UUID id, WorkspaceCaller caller) {
        return reads.get(caller.workspace().id(), "/entities/" + id, EntityView.class);
    }

    @GetMapping("/entities/{id}/memories")
    @RequiresScope(Scope.READ)
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1-500, default 50")
    EntityMemories memories(@PathVariable UUID id, WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        int limit = ListParameters.of(query, Set.of("limit")).limit();
        return reads.get(caller.workspace().id(), "/entities/" + id + "/memories?limit=" + limit, EntityMemories.class);
    }

    @GetMapping("/entities/{id}/graph")
    @RequiresScope(Scope.READ)
    @Parameter(name = "depth", in = ParameterIn.QUERY, description = "hops from the entity, 1-3, default 1")
    EntityGraph graph(@PathVariable UUID id, WorkspaceCaller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        int depth = ListParameters.of(query, Set.of("depth")).integer("depth", 1, 3, 1);
        return reads.get(caller.workspace().id(), "/entities/" + id + "/graph?depth=" + depth, EntityGraph.class);
    }

    @GetMapping("/memories/{id}/backlinks")
    @RequiresScope(Scope.READ)
    Backlinks backlinks(@PathVariable UUID id, WorkspaceCaller caller) {
        return reads.get(caller.workspace().id(), "/memories/" + id + "/backlinks", Backlinks.class);
    }

    /** Communities by label propagation, found by the query service among at most its configured number of relations. */
    @GetMapping("/graph/communities")
    @RequiresScope(Scope.READ)
    @Parameter(name = "min_size", in = ParameterIn.QUERY, description = "the fewest entities a community shows with, 2-1000, default 3")
    Communities communities(WorkspaceCaller caller, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        int minSize = ListParameters.of(query, Set.of("min_size")).integer("min_size", 2, 1000, 3);
        return reads.get(caller.workspace().id(), "/graph/communities?min_size=" + minSize, Communities.class);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
