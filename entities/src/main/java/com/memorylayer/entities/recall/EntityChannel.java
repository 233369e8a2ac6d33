package com.memorylayer.entities.recall;

import com.google.re2j.Pattern;
import com.memorylayer.entities.EntityNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The entity channel of recall: the entities a query names (by name or alias, any case) bring their memories, and
 * their strongest neighbours' memories at a discount, as one ranked list beside the dense and lexical ones. A
 * memory scores the sum over the matched entities it names of their specificity, 1 / ln(e + mentions): naming a
 * rare entity counts more than naming one every memory names. No model runs here: the query's word runs (one to
 * four words) are looked up as keys.
 */
public final class EntityChannel {

    public static final String NAME = "entity";
    /** A query's words (RE2/J, linear whatever the query). */
    /** A query's words (RE2/J, linear whatever the query). */
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’@/_-]*");
    private static final int MAX_RUN = 4;
    /**
     * The latest memories read per entity. An entity named in thousands of memories (an agent's own user) tells
     * ranking little, and reading all its mentions made recall with this channel 1.34× slower at p95 on 10,000
     * memories (docs/benchmarks.md).
     */
    static final int MAX_MEMORIES_PER_ENTITY = 300;

    private final double neighbourWeight;
    private final int neighboursPerEntity;

    /**
     * @param neighbourWeight what a neighbour's memory gets of its entity's score (0 = neighbours off)
     * @param neighboursPerEntity the strongest neighbours followed per matched entity
     */
    public EntityChannel(double neighbourWeight, int neighboursPerEntity) {
        this.neighbourWeight = neighbourWeight;
        this.neighboursPerEntity = neighboursPerEntity;
    }

    /** The channel's answer: ranked memories and the entities that matched. */
    public record Result(List<Hit> hits, List<GraphView.MatchedEntity> matched) {
    }

    /** A memory and its score. */
    public record Hit(UUID memoryId, float score) {
    }

    public Result search(GraphView graph, String query, int limit, Predicate<UUID> accept) {
        Set<String> keys = candidateKeys(query);
        if (keys.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        Map<String, GraphView.MatchedEntity> resolved = graph.resolve(keys);
        // A shorter run inside a longer matched one ("york" in "new york") is not a second entity.
        List<GraphView.MatchedEntity> matched = new ArrayList<>();
        Set<UUID> seen = new java.util.HashSet<>();
        resolved.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, GraphView.MatchedEntity> e) -> -e.getKey().length()))
                .filter(e -> resolved.keySet().stream().noneMatch(longer -> longer.length() > e.getKey().length()
                        && (" " + longer + " ").contains(" " + e.getKey() + " ")))
                .forEach(e -> {
                    if (seen.add(e.getValue().id())) {
                        matched.add(e.getValue());
                    }
                });
        if (matched.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        Map<UUID, Double> weightOf = new HashMap<>();
        for (GraphView.MatchedEntity entity : matched) {
            weightOf.merge(entity.id(), specificity(entity.mentionCount()), Double::sum);
        }
        if (neighbourWeight > 0) {
            graph.neighbours(weightOf.keySet(), neighboursPerEntity).forEach((entity, neighbours) -> {
                int strongest = neighbours.stream().mapToInt(GraphView.Neighbour::evidence).max().orElse(1);
                for (GraphView.Neighbour neighbour : neighbours) {
                    if (!seen.contains(neighbour.id())) {
                        weightOf.merge(neighbour.id(), neighbourWeight * specificity(neighbour.mentionCount())
                                * neighbour.evidence() / strongest, Double::sum);
                    }
                }
            });
        }
        Map<UUID, Double> scores = new HashMap<>();
        graph.memoriesOf(weightOf.keySet(), MAX_MEMORIES_PER_ENTITY).forEach((entity, memories) -> {
            double weight = weightOf.getOrDefault(entity, 0.0);
            for (UUID memory : memories) {
                scores.merge(memory, weight, Double::sum);
            }
        });
        List<Hit> hits = scores.entrySet().stream()
                .filter(e -> accept == null || accept.test(e.getKey()))
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new Hit(e.getKey(), e.getValue().floatValue()))
                .toList();
        return new Result(hits, matched);
    }

    private static double specificity(int mentions) {
        return 1 / Math.log(Math.E + mentions);
    }

    /** Every run of one to four words of the query, as canonical keys. */
    static Set<String> candidateKeys(String query) {
        List<String> words = new ArrayList<>();
        var m = WORDS.matcher(query);
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            StringBuilder run = new StringBuilder();
            for (int j = i; j < Math.min(words.size(), i + MAX_RUN); j++) {
                run.append(j > i ? " " : "").append(words.get(j));
                String key = EntityNames.key(run.toString());
                if (key.length() >= 2 && !STOP.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** Words that are entities in no one's graph worth matching on: they would match every memory that says them. */
    private static final Set<String> STOP = Set.of("i", "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for",
            "is", "was", "did", "do", "does", "what", "when", "where", "who", "why", "how", "which", "with", "from", "my",
            "me", "you", "your", "he", "she", "it", "they", "we", "his", "her", "their", "our").stream()
            .map(w -> w.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
}
