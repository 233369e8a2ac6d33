package com.memorylayer.schemas.reads.graph;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An entity's neighbourhood: nodes within {@code depth} hops and the strongest edges among them.
 *
 * @param truncated more nodes were in reach than a graph shows
 */
public record EntityGraph(UUID root, int depth, List<Node> nodes, List<Edge> edges, boolean truncated) {

    /** @param depth hops from the root */
    public record Node(UUID id, String name, String type, int mentionCount, int depth) {
    }

    public record Edge(UUID source, UUID target, String relation, int evidenceCount, OffsetDateTime validTo) {
    }
}
