package com.memorylayer.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Extraction quality on LoCoMo dev turns labelled by hand (src/test/resources/locomo-dev-people-places.tsv):
 * precision and recall of people and places, per sample, printed for docs/benchmarks.md. The floors below sit under
 * the measured figures so that a change making extraction worse fails here.
 */
class ExtractionQualityTest {

    private record Labelled(String sample, Set<String> people, Set<String> places, String text) {
    }

    /** True positives, false positives, false negatives. */
    private static final class Counts {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        void add(Set<String> predicted, Set<String> gold) {
            for (String p : predicted) {
                if (gold.contains(p)) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
            for (String g : gold) {
                if (!predicted.contains(g)) {
                    falseNegatives++;
                }
            }
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        @Override
        public String toString() {
            return String.format("P %.3f R %.3f (tp %d, fp %d, fn %d)", precision(), recall(), truePositives, falsePositives,
                    falseNegatives);
        }
    }

    @Test
    void peopleAndPlacesOnHandLabelledDevTurns() throws IOException {
        List<Labelled> turns = load();
        EntityExtractor extractor = EntityExtractor.english();
        Map<String, Counts> people = new TreeMap<>();
        Map<String, Counts> places = new TreeMap<>();
        for (Labelled turn : turns) {
            List<Mention> found = extractor.extract(turn.text()).entities();
            Set<String> foundPeople = found.stream().filter(m -> m.type() == EntityType.PERSON).map(Mention::key).collect(Collectors.toSet());
            Set<String> foundPlaces = found.stream().filter(m -> m.type() == EntityType.PLACE).map(Mention::key).collect(Collectors.toSet());
            for (String sample : List.of(turn.sample(), "all")) {
                people.computeIfAbsent(sample, s -> new Counts()).add(foundPeople, turn.people());
                places.computeIfAbsent(sample, s -> new Counts()).add(foundPlaces, turn.places());
            }
        }
        System.out.println("extraction on " + turns.size() + " hand-labelled LoCoMo dev turns:");
        people.forEach((sample, counts) -> System.out.println("  people, " + sample + ": " + counts));
        places.forEach((sample, counts) -> System.out.println("  places, " + sample + ": " + counts));

        assertThat(turns).hasSizeGreaterThanOrEqualTo(150);
        assertThat(people.get("all").precision()).isGreaterThanOrEqualTo(0.90);
        assertThat(people.get("all").recall()).isGreaterThanOrEqualTo(0.90);
        assertThat(places.get("all").precision()).isGreaterThanOrEqualTo(0.60);
        assertThat(places.get("all").recall()).isGreaterThanOrEqualTo(0.80);
    }

    private static List<Labelled> load() throws IOException {
        try (InputStream in = ExtractionQualityTest.class.getResourceAsStream("/locomo-dev-people-places.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("\t", -1))
                    .map(c -> new Labelled(c[0], keys(c[3]), keys(c[4]), c[5]))
                    .toList();
        }
    }

    private static Set<String> keys(String names) {
        return names.isBlank() ? Set.of() : new HashSet<>(Arrays.stream(names.split(",")).map(EntityNames::key).toList());
    }
}
