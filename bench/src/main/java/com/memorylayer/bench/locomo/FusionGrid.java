package com.memorylayer.bench.locomo;

import com.memorylayer.bench.locomo.LocomoBenchmark.Loaded;
import com.memorylayer.retrieval.search.FusedHit;
import com.memorylayer.retrieval.search.RankFusion;
import com.memorylayer.retrieval.search.ReciprocalRankFusion;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.retrieval.search.WeightedScoreFusion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fusion settings compared on the same channel rankings the API returned (dense-only and lexical-only, top 100
 * each), fused here with the product's own fusion classes. Choices are made on the dev split; the held-out
 * figures are printed beside them only to report, never to choose.
 */
final class FusionGrid {

    private FusionGrid() {
    }

    static String evaluate(LocomoBenchmark bench, List<Loaded> loaded, Map<String, Map<String, List<ScoredId>>> channels)
            throws Exception {
        Map<String, RankFusion> grid = new LinkedHashMap<>();
        grid.put("rrf k=60", new ReciprocalRankFusion());
        for (double w : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
            grid.put("weighted dense=" + w, new WeightedScoreFusion(Map.of("dense", w, "lexical", 1 - w)));
        }
        for (double c : new double[] {0.2, 0.35, 0.5}) {
            for (double d : new double[] {0.2, 0.3}) {
                double l = 1 - c - d;
                grid.put(String.format("ctx=%.2f dense=%.2f lex=%.2f", c, d, l),
                        new WeightedScoreFusion(Map.of("context", c, "dense", d, "lexical", l)));
            }
        }
        StringBuilder report = new StringBuilder("### fusion grid (same channel rankings, fused offline)\n");
        for (Map.Entry<String, RankFusion> setting : grid.entrySet()) {
            Map<String, List<String>> rankings = new LinkedHashMap<>();
            for (Loaded l : loaded) {
                for (LocomoData.Question q : l.conversation().questions()) {
                    String key = l.conversation().sampleId() + "#" + q.index();
                    Map<String, List<ScoredId>> used = new LinkedHashMap<>(channels.get(key));
                    if (!setting.getKey().startsWith("ctx")) {
                        used.remove("context");
                    }
                    List<FusedHit> fused = setting.getValue().fuse(used, LocomoBenchmark.TOP);
                    List<String> ids = new ArrayList<>();
                    fused.forEach(h -> ids.add(l.diaIdByMemory().get(h.id().toString())));
                    rankings.put(key, ids);
                }
            }
            for (String split : List.of("dev", "heldout")) {
                List<Integer> members = split.equals("dev") ? LocomoBenchmark.DEV : LocomoBenchmark.HELD_OUT;
                Path file = bench.out.resolve("grid-" + setting.getKey().replaceAll("[^a-z0-9]+", "-") + "-" + split + ".jsonl");
                bench.writeRankings(file, loaded, members, rankings, false);
                String output = bench.eval(split, file, "turn");
                report.append(String.format("%-22s %-8s %s%n", setting.getKey(), split, overallLine(output)));
            }
        }
        return report.append('\n').toString();
    }

    private static String overallLine(String evalOutput) {
        String header = evalOutput.lines().findFirst().orElse("");
        String overall = evalOutput.lines().filter(l -> l.startsWith("overall")).findFirst().orElse("");
        return overall + "   [" + header.replaceAll("\\s+", " ").trim() + "]";
    }
}
