package com.memorylayer.query.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Communities of a weighted undirected graph by label propagation: every node starts in its own community and
 * takes, round after round, the community its neighbours weigh most in, until no node moves (at most
 * {@link #MAX_ROUNDS}). Nodes are visited in id order and ties go to the smallest label, so the same graph always
 * gives the same communities.
 */
final class LabelPropagation {

    static final int MAX_ROUNDS = 20;

    private LabelPropagation() {
    }

    /** Each node's community label (a member's id). */
    static Map<UUID, UUID> communities(List<EntityGraphReads.WeightedEdge> edges) {
        Map<UUID, Map<UUID, Double>> neighbours = new TreeMap<>();
        for (EntityGraphReads.WeightedEdge edge : edges) {
            if (edge.a().equals(edge.b())) {
                continue;
            }
            neighbours.computeIfAbsent(edge.a(), n -> new HashMap<>()).merge(edge.b(), edge.weight(), Double::sum);
            neighbours.computeIfAbsent(edge.b(), n -> new HashMap<>()).merge(edge.a(), edge.weight(), Double::sum);
        }
        Map<UUID, UUID> label = new HashMap<>();
        neighbours.keySet().forEach(node -> label.put(node, node));
        List<UUID> order = new ArrayList<>(neighbours.keySet());
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = false;
            for (UUID node : order) {
                Map<UUID, Double> weightOf = new TreeMap<>();
                neighbours.get(node).forEach((other, weight) -> weightOf.merge(label.get(other), weight, Double::sum));
                UUID best = label.get(node);
                double bestWeight = weightOf.getOrDefault(best, 0.0);
                for (Map.Entry<UUID, Double> candidate : weightOf.entrySet()) {
                    if (candidate.getValue() > bestWeight) {
                        best = candidate.getKey();
                        bestWeight = candidate.getValue();
                    }
                }
                if (!best.equals(label.get(node))) {
                    label.put(node, best);
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        return label;
    }
}
