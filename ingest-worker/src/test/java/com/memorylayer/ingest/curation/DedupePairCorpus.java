package com.memorylayer.ingest.curation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The labelled pairs of {@code dedupe/pairs.tsv}: for each, whether the second text repeats the first (and must be
 * merged into it) or says something else (and must be stored), and what kind of difference it is.
 */
public final class DedupePairCorpus {

    /** One labelled pair. */
    public record LabelledPair(int line, boolean repeat, String first, String second, String category) {
    }

    /** Counts of a rule's decisions against the labels, overall and by category. */
    public record Confusion(int mergedRepeats, int keptRepeats, int mergedDifferent, int keptDifferent,
            Map<String, int[]> byCategory, List<LabelledPair> wrong) {

        /** The table docs/benchmarks.md quotes: rows are the labels, columns the decisions. */
        public String table() {
            StringBuilder out = new StringBuilder();
            out.append("| pairs | merged | kept apart |\n|---|---|---|\n");
            out.append("| true repeats | ").append(mergedRepeats).append(" | ").append(keptRepeats).append(" |\n");
            out.append("| different facts | ").append(mergedDifferent).append(" | ").append(keptDifferent).append(" |\n\n");
            out.append("| category | pairs | decided as labelled |\n|---|---|---|\n");
            byCategory.forEach((category, counts) -> out.append("| ").append(category).append(" | ").append(counts[0])
                    .append(" | ").append(counts[1]).append(" |\n"));
            return out.toString();
        }
    }

    private DedupePairCorpus() {
    }

    public static List<LabelledPair> load() {
        try (InputStream in = DedupePairCorpus.class.getResourceAsStream("/dedupe/pairs.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<LabelledPair> pairs = new ArrayList<>();
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] fields = lines[i].split("\t", -1);
                if (fields.length != 4 || !(fields[0].equals("merge") || fields[0].equals("keep"))) {
                    throw new IllegalStateException("dedupe/pairs.tsv line " + (i + 1) + " is not label, first, second, category");
                }
                pairs.add(new LabelledPair(i + 1, fields[0].equals("merge"), fields[1], fields[2], fields[3]));
            }
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How {@code merged} (whether a pair was merged) decided every pair. */
    public static Confusion confusion(List<LabelledPair> pairs, Predicate<LabelledPair> merged) {
        int[] cells = new int[4];
        Map<String, int[]> byCategory = new TreeMap<>();
        List<LabelledPair> wrong = new ArrayList<>();
        for (LabelledPair pair : pairs) {
            boolean m = merged.test(pair);
            cells[(pair.repeat() ? 0 : 2) + (m ? 0 : 1)]++;
            int[] counts = byCategory.computeIfAbsent(pair.category(), c -> new int[2]);
            counts[0]++;
            if (m == pair.repeat()) {
                counts[1]++;
            } else {
                wrong.add(pair);
            }
        }
        return new Confusion(cells[0], cells[1], cells[2], cells[3], byCategory, wrong);
    }
}
