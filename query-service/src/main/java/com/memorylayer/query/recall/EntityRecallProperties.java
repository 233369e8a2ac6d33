package com.memorylayer.query.recall;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The entity channel, which a recall runs when its {@code channels} name {@code entity}. Not among the default
 * channels: on LoCoMo's dev split it left R@5 and R@10 where they were (docs/benchmarks.md).
 *
 * @param weight          its weight in weighted fusion beside the others (0.1)
 * @param neighbourWeight what a matched entity's neighbours' memories get of its score (0 = neighbours off, the
 *                        default: on LoCoMo's dev split they added nothing, and following a much-named entity's
 *                        relations is the channel's dearest query)
 * @param neighbours      the strongest neighbours followed per matched entity (5)
 */
@ConfigurationProperties("memorylayer.recall.entity")
public record EntityRecallProperties(Double weight, Double neighbourWeight, Integer neighbours) {

    public EntityRecallProperties {
        weight = weight == null ? 0.1 : weight;
        neighbourWeight = neighbourWeight == null ? 0.0 : neighbourWeight;
        neighbours = neighbours == null ? 5 : neighbours;
        if (weight < 0 || neighbourWeight < 0 || neighbours < 0) {
            throw new IllegalArgumentException("memorylayer.recall.entity settings must not be negative");
        }
    }

    static EntityRecallProperties defaults() {
        return new EntityRecallProperties(null, null, null);
    }
}
