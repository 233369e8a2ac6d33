package com.memorylayer.query.recall;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How often a name (an entity, a layer, a status...) occurs among recalled memories. */
record NamedCount(String name, int count) {

    /** Each distinct name with its count, most frequent first, then by name, so equal inputs give equal answers. */
    static List<NamedCount> tally(List<String> names) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts.entrySet().stream().map(e -> new NamedCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(NamedCount::count).reversed().thenComparing(NamedCount::name)).toList();
    }
}
