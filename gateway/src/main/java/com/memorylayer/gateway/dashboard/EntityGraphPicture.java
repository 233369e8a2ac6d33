package com.memorylayer.gateway.dashboard;

import com.memorylayer.schemas.reads.graph.EntityGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An entity graph laid out as SVG geometry on the server (the dashboard's policy allows no inline script, and a
 * picture needs none): the centre node in the middle, the nodes one hop away on a ring around it, those two hops
 * away on a wider ring, each ring in order of mentions then name, so the same graph is always drawn the same way.
 * Edges are straight lines labelled with their relation at their middle.
 */
record EntityGraphPicture(int width, int height, List<Node> nodes, List<Edge> edges) {

    static final int WIDTH = 960;
    static final int HEIGHT = 720;
    private static final double[] RINGS = {0, 190, 320, 340};
    private static final int LABEL_CHARS = 28;
    /** How far apart the stacked labels of one pair's relations are, in the picture's units. */
    private static final int LABEL_LINE = 12;

    /** A node to draw; {@code href} is the page it opens (null for none), {@code depth} its ring. */
    record Node(String id, String label, String type, int depth, double x, double y, double r, String href) {
    }

    /** An edge to draw, with its label's place. */
    record Edge(double x1, double y1, double x2, double y2, String label, double labelX, double labelY) {
    }

    /** A node before layout. */
    record Spot(String id, String label, String type, int depth, int weight, String href) {
    }

    /** An edge before layout, between two spots' ids. */
    record Link(String source, String target, String label) {
    }

    static EntityGraphPicture of(List<Spot> spots, List<Link> links) {
        Map<Integer, List<Spot>> rings = new LinkedHashMap<>();
        spots.stream().sorted(Comparator.comparingInt(Spot::depth)).forEach(s -> rings.computeIfAbsent(Math.min(s.depth(), 3),
                d -> new ArrayList<>()).add(s));
        Map<String, Node> placed = new LinkedHashMap<>();
        double cx = WIDTH / 2.0;
        double cy = HEIGHT / 2.0;
        rings.forEach((depth, members) -> {
            List<Spot> ordered = members.stream().sorted(Comparator.comparingInt(Spot::weight).reversed()
                    .thenComparing(Spot::label).thenComparing(Spot::id)).toList();
            for (int i = 0; i < ordered.size(); i++) {
                Spot spot = ordered.get(i);
                double radius = depth == 0 && ordered.size() == 1 ? 0 : RINGS[depth == 0 ? 1 : depth];
                // Each ring starts at the top; the outer one half a step on, so its nodes fall between the inner's.
                double angle = -Math.PI / 2 + 2 * Math.PI * (i + (depth % 2 == 0 ? 0.5 : 0)) / ordered.size();
                placed.put(spot.id(), new Node(spot.id(), shorten(spot.label()), spot.type(), depth,
                        round(cx + radius * Math.cos(angle)), round(cy + radius * 0.8 * Math.sin(angle)),
                        depth == 0 ? 26 : 16, spot.href()));
            }
        });
        List<Edge> edges = new ArrayList<>();
        // Two entities may be related several ways: their labels are stacked at the line's middle, not drawn on each other.
        Map<String, Integer> labelsPerPair = new LinkedHashMap<>();
        for (Link link : links) {
            Node from = placed.get(link.source());
            Node to = placed.get(link.target());
            if (from != null && to != null && from != to) {
                String pair = link.source().compareTo(link.target()) < 0 ? link.source() + " " + link.target()
                        : link.target() + " " + link.source();
                int stacked = labelsPerPair.merge(pair, 1, Integer::sum) - 1;
                edges.add(new Edge(from.x(), from.y(), to.x(), to.y(), link.label(), round((from.x() + to.x()) / 2),
                        round((from.y() + to.y()) / 2 - 4 + LABEL_LINE * stacked)));
            }
        }
        return new EntityGraphPicture(WIDTH, HEIGHT, List.copyOf(placed.values()), edges);
    }

    /** An entity's neighbourhood as read by {@code GET /entities/{id}/graph}. */
    static EntityGraphPicture of(EntityGraph graph, String slug) {
        List<Spot> spots = graph.nodes().stream().map(n -> new Spot(n.id().toString(), n.name(), n.type(), n.depth(),
                n.mentionCount(), entityPage(slug, n.id()))).toList();
        List<Link> links = graph.edges().stream().map(e -> new Link(e.source().toString(), e.target().toString(), e.relation())).toList();
        return of(spots, links);
    }

    static String entityPage(String slug, UUID id) {
        return "/app/workspaces/" + slug + "/entities/" + id + "/graph";
    }

    private static String shorten(String label) {
        String line = label == null ? "" : label.strip().replaceAll("\\s+", " ");
        return line.length() <= LABEL_CHARS ? line : line.substring(0, LABEL_CHARS - 1) + "…";
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
