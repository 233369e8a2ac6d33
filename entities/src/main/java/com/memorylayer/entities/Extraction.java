package com.memorylayer.entities;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one text names: its mentions in order of appearance, and the relations its sentences state. */
public record Extraction(List<Mention> mentions, List<StatedRelation> relations) {

    public Extraction {
        mentions = List.copyOf(mentions);
        relations = List.copyOf(relations);
    }

    /** Each entity once, by key: its first mention. */
    public List<Mention> entities() {
        Map<String, Mention> first = new LinkedHashMap<>();
        for (Mention mention : mentions) {
            first.putIfAbsent(mention.key(), mention);
        }
        return List.copyOf(first.values());
    }
}
