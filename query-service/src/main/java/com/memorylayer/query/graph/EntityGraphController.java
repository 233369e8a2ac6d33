package com.memorylayer.query.graph;

import com.memorylayer.query.reads.WorkspaceReadPool;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.EntitiesRecord;
import com.memorylayer.schemas.reads.graph.Backlinks;
import com.memorylayer.schemas.reads.graph.Communities;
import com.memorylayer.schemas.reads.graph.EntityGraph;
import com.memorylayer.schemas.reads.graph.EntityList;
import com.memorylayer.schemas.reads.graph.EntityLookup;
import com.memorylayer.schemas.reads.graph.EntityMemories;
import com.memorylayer.schemas.reads.graph.EntityView;
import com.memorylayer.schemas.reads.graph.MemoryEntities;
import com.memorylayer.schemas.reads.graph.MissingEntities;
import com.memorylayer.web.error.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The entity graph's internal routes. The gateway checks the caller, its scope and the public parameters, then asks
 * here; the bounds are checked again, for this service trusts no caller to have.
 */
@RestController
@RequestMapping("/internal/v1/workspaces/{workspaceId}")
class EntityGraphController {

    static final int MAX_LIMIT = 500;
    static final int MAX_COMMUNITIES = 50;
    static final int MEMBERS_SHOWN = 20;
    /** Ids one existence check may name: a merge's targets and its source. */
    static final int MAX_CHECKED_IDS = 100;

    private final EntityGraphReads reads;
    private final WorkspaceReadPool workspaces;

    EntityGraphController(EntityGraphReads reads, WorkspaceReadPool workspaces) {
        this.reads = reads;
        this.workspaces = workspaces;
    }

    @GetMapping("/entities")
    EntityList search(@PathVariable UUID workspaceId, @RequestParam(required = false) String q,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "50") int limit) {
        return new EntityList(reads.search(workspaceId, q, type, bounded("limit", limit, 1, MAX_LIMIT)));
    }

    /** The entity a name or alias names; {@code id} null when none does. */
    @GetMapping("/entities/lookup")
    EntityLookup lookup(@PathVariable UUID workspaceId, @RequestParam String name) {
        return new EntityLookup(reads.named(workspaceId, name).orElse(null));
    }

    /** Which of the ids name no entity, for the checks a curation command makes before it goes to the log. */
    @GetMapping("/entities/missing")
    MissingEntities missing(@PathVariable UUID workspaceId, @RequestParam List<UUID> ids) {
        if (ids.isEmpty() || ids.size() > MAX_CHECKED_IDS) {
            throw ApiException.invalidField("ids", "name 1 to " + MAX_CHECKED_IDS + " entity ids");
        }
        return new MissingEntities(reads.missing(workspaceId, ids));
    }

    @GetMapping("/entities/{entityId}")
    EntityView entity(@PathVariable UUID workspaceId, @PathVariable UUID entityId) {
        return reads.entity(workspaceId, entityId).orElseThrow(() -> notFound(entityId));
    }

    @GetMapping("/entities/{entityId}/memories")
    EntityMemories memories(@PathVariable UUID workspaceId, @PathVariable UUID entityId, @RequestParam(defaultValue = "50") int limit) {
        return new EntityMemories(entityId, reads.memories(workspaceId, entityId, bounded("limit", limit, 1, MAX_LIMIT))
                .orElseThrow(() -> notFound(entityId)));
    }

    @GetMapping("/entities/{entityId}/graph")
    EntityGraph graph(@PathVariable UUID workspaceId, @PathVariable UUID entityId, @RequestParam(defaultValue = "1") int depth) {
        return reads.graph(workspaceId, entityId, bounded("depth", depth, 1, 3)).orElseThrow(() -> notFound(entityId));
    }

    @GetMapping("/memories/{memoryId}/backlinks")
    Backlinks backlinks(@PathVariable UUID workspaceId, @PathVariable UUID memoryId) {
        return new Backlinks(memoryId, reads.backlinks(workspaceId, memoryId).orElseThrow(() ->
                new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + memoryId + " in this workspace")));
    }

    /** The entities the memory mentions, most mentioned first. */
    @GetMapping("/memories/{memoryId}/entities")
    MemoryEntities mentioned(@PathVariable UUID workspaceId, @PathVariable UUID memoryId,
            @RequestParam(defaultValue = "50") int limit) {
        return new MemoryEntities(memoryId, reads.mentionedBy(workspaceId, memoryId, bounded("limit", limit, 1, MAX_LIMIT))
                .orElseThrow(() -> new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + memoryId + " in this workspace")));
    }

    /** Label propagation over the strongest relations (at most {@code memorylayer.workspace-reads.max-graph-relations}). */
    @GetMapping("/graph/communities")
    Communities communities(@PathVariable UUID workspaceId, @RequestParam(name = "min_size", defaultValue = "3") int minSize) {
        bounded("min_size", minSize, 2, 1000);
        EntityGraphReads.Edges edges = reads.edges(workspaceId, workspaces.properties().maxGraphRelations());
        Map<UUID, UUID> label = LabelPropagation.communities(edges.edges());
        Map<UUID, List<UUID>> members = new HashMap<>();
        label.forEach((node, community) -> members.computeIfAbsent(community, c -> new ArrayList<>()).add(node));
        List<List<UUID>> kept = members.values().stream().filter(m -> m.size() >= minSize)
                .sorted(Comparator.<List<UUID>>comparingInt(List::size).reversed()
                        .thenComparing(m -> m.stream().sorted().findFirst().orElseThrow()))
                .limit(MAX_COMMUNITIES).toList();
        Map<UUID, EntitiesRecord> rows = reads.entities(workspaceId, kept.stream().flatMap(List::stream).collect(Collectors.toSet()));
        List<Communities.Community> communities = new ArrayList<>();
        for (List<UUID> community : kept) {
            List<Communities.Member> shown = community.stream().map(rows::get).filter(Objects::nonNull)
                    .sorted(Comparator.comparingInt(EntitiesRecord::getMentionCount).reversed().thenComparing(EntitiesRecord::getEntityKey))
                    .limit(MEMBERS_SHOWN)
                    .map(r -> new Communities.Member(r.getId(), r.getName(), r.getEntityType(), r.getMentionCount()))
                    .toList();
            communities.add(new Communities.Community(community.size(), shown));
        }
        return new Communities(minSize, communities, edges.edges().size(), edges.truncated());
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw ApiException.invalidField(name, "'" + name + "' must be from " + min + " to " + max);
        }
        return value;
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.ENTITY_NOT_FOUND, "no entity " + id + " in this workspace");
    }
}
