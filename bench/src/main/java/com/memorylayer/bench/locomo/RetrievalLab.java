package com.memorylayer.bench.locomo;

import com.memorylayer.bench.locomo.LocomoData.Conversation;
import com.memorylayer.bench.locomo.LocomoData.Question;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.search.DenseIndex;
import com.memorylayer.retrieval.search.FusedHit;
import com.memorylayer.retrieval.search.LexicalIndex;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.retrieval.search.WeightedScoreFusion;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A fast, in-process loop for trying retrieval ideas on the LoCoMo dev split: the product's own index and fusion
 * classes over cached bge vectors, scored here with eval.py's turn-level definitions. No platform, no HTTP, so a
 * variant costs seconds. Only the dev split is printed unless {@code -Dlab.heldout=true}: choices are made on dev;
 * the API benchmark ({@code locomo}) is the figure of record.
 */
public final class RetrievalLab {

    private static final Pattern EVIDENCE = Pattern.compile("D\\d+:\\d+");
    private static final int[] KS = {1, 5, 10, 25, 50};
    private static final String[] CATEGORIES = {"", "multi-hop", "temporal", "open-domain", "single-hop", "adversarial"};

    /** One conversation's search state, ids are turn positions encoded as UUIDs. */
    record Haystack(Conversation conversation, List<String> diaIds, float[][] vectors, DenseIndex dense,
            LexicalIndex lexical, float[][] questionVectors, List<List<String>> evidence) {
        UUID id(int turn) {
            return new UUID(0, turn);
        }

        int turn(UUID id) {
            return (int) id.getLeastSignificantBits();
        }

        String session(int turn) {
            return conversation.turns().get(turn).session();
        }
    }

    interface Ranker {
        List<UUID> rank(Haystack h, int question);
    }

    private final List<Haystack> haystacks = new ArrayList<>();

    private RetrievalLab() {
    }

    public static void run(Path locomoDir) throws Exception {
        RetrievalLab lab = new RetrievalLab();
        lab.load(locomoDir);
        lab.experiments();
    }

    private void load(Path locomoDir) throws IOException {
        LocomoData data = LocomoData.load(locomoDir.resolve("locomo10.json"));
        Path cache = Path.of("bench", "target", "lab");
        Files.createDirectories(cache);
        BgeSmallEmbedder embedder = null;
        for (Conversation c : data.conversations()) {
            Path file = cache.resolve("vectors-" + c.position() + ".bin");
            float[][] turns;
            float[][] questions;
            if (Files.exists(file)) {
                try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                    turns = readMatrix(in);
                    questions = readMatrix(in);
                }
            } else {
                if (embedder == null) {
                    embedder = BgeSmallEmbedder.load(BgeModel.FP32, Path.of("bench", "target", "model-cache"));
                }
                turns = embedder.embed(c.turns().stream().map(LocomoData.Turn::text).toList());
                questions = embedder.embed(c.questions().stream().map(Question::question).toList());
                try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
                    writeMatrix(out, turns);
                    writeMatrix(out, questions);
                }
            }
            if (System.getProperty("lab.queryModel") != null) {
                BgeModel queryModel = BgeModel.valueOf(System.getProperty("lab.queryModel"));
                Path queryFile = cache.resolve("questions-" + queryModel + "-" + c.position() + ".bin");
                if (Files.exists(queryFile)) {
                    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(queryFile)))) {
                        questions = readMatrix(in);
                    }
                } else {
                    try (BgeSmallEmbedder queryEmbedder = BgeSmallEmbedder.load(queryModel, Path.of("bench", "target", "model-cache"));
                            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(queryFile)))) {
                        questions = queryEmbedder.embed(c.questions().stream().map(Question::question).toList());
                        writeMatrix(out, questions);
                    }
                }
            }
            DenseIndex dense = new DenseIndex(BgeSmallEmbedder.DIMENSION);
            LexicalIndex lexical = new LexicalIndex();
            List<String> diaIds = new ArrayList<>();
            for (int i = 0; i < c.turns().size(); i++) {
                dense.put(new UUID(0, i), turns[i]);
                lexical.put(new UUID(0, i), c.turns().get(i).text());
                diaIds.add(c.turns().get(i).diaId());
            }
            List<List<String>> evidence = new ArrayList<>();
            JsonNode qas = data.raw().get(c.position()).get("qa");
            for (JsonNode qa : qas) {
                LinkedHashSet<String> ids = new LinkedHashSet<>();
                for (JsonNode e : qa.path("evidence")) {
                    Matcher m = EVIDENCE.matcher(e.asString());
                    while (m.find()) {
                        ids.add(m.group());
                    }
                }
                ids.retainAll(new java.util.HashSet<>(diaIds));
                evidence.add(List.copyOf(ids));
            }
            haystacks.add(new Haystack(c, diaIds, turns, dense, lexical, questions, evidence));
        }
        if (embedder != null) {
            embedder.close();
        }
    }

    private static float[][] readMatrix(DataInputStream in) throws IOException {
        int rows = in.readInt();
        int cols = in.readInt();
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = in.readFloat();
            }
        }
        return m;
    }

    private static void writeMatrix(DataOutputStream out, float[][] m) throws IOException {
        out.writeInt(m.length);
        out.writeInt(m[0].length);
        for (float[] row : m) {
            for (float x : row) {
                out.writeFloat(x);
            }
        }
    }

    // ---------------------------------------------------------------- scoring

    void report(String name, Ranker ranker) {
        boolean heldOut = Boolean.getBoolean("lab.heldout");
        StringBuilder line = new StringBuilder(String.format("%-44s", name));
        for (List<Integer> split : heldOut ? List.of(LocomoBenchmark.DEV, LocomoBenchmark.HELD_OUT) : List.of(LocomoBenchmark.DEV)) {
            double[] sums = new double[KS.length + 1];
            double[][] byCategory = new double[6][3];
            int n = 0;
            for (int c : split) {
                Haystack h = haystacks.get(c);
                for (Question q : h.conversation().questions()) {
                    List<String> ev = h.evidence().get(q.index());
                    if (ev.isEmpty()) {
                        continue;
                    }
                    List<UUID> ranked = ranker.rank(h, q.index());
                    List<String> ids = ranked.stream().limit(50).map(id -> h.diaIds().get(h.turn(id))).toList();
                    for (int k = 0; k < KS.length; k++) {
                        sums[k] += recall(ids, ev, KS[k]);
                    }
                    sums[KS.length] += ndcg(ids, ev, 10);
                    byCategory[q.category()][0] += recall(ids, ev, 5);
                    byCategory[q.category()][1] += recall(ids, ev, 10);
                    byCategory[q.category()][2]++;
                    n++;
                }
            }
            for (int k = 0; k <= KS.length; k++) {
                line.append(String.format(" %5.1f", 100 * sums[k] / n));
            }
            line.append("  |");
            for (int cat = 1; cat <= 5; cat++) {
                line.append(String.format(" %s %4.1f/%4.1f", CATEGORIES[cat].substring(0, 3),
                        100 * byCategory[cat][0] / byCategory[cat][2], 100 * byCategory[cat][1] / byCategory[cat][2]));
            }
            line.append(heldOut ? "  ||" : "");
        }
        System.out.println(line);
    }

    private static double recall(List<String> ranked, List<String> evidence, int k) {
        var top = new java.util.HashSet<>(ranked.subList(0, Math.min(k, ranked.size())));
        return evidence.stream().filter(top::contains).count() / (double) evidence.size();
    }

    private static double ndcg(List<String> ranked, List<String> evidence, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (evidence.contains(ranked.get(i))) {
                dcg += 1 / (Math.log(i + 2) / Math.log(2));
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, evidence.size()); i++) {
            ideal += 1 / (Math.log(i + 2) / Math.log(2));
        }
        return dcg / ideal;
    }

    // ---------------------------------------------------------------- building blocks

    static List<ScoredId> dense(Haystack h, float[] query, int k) {
        return h.dense().search(query, k, null);
    }

    static List<ScoredId> lexical(Haystack h, String query, int k) {
        return h.lexical().search(query, k, null);
    }

    static List<ScoredId> context(Haystack h, float[] query, int k, double alpha) {
        List<ScoredId> candidates = h.dense().search(query, Math.max(3 * k, 300), null);
        List<ScoredId> scored = new ArrayList<>();
        for (ScoredId c : candidates) {
            int t = h.turn(c.id());
            double s = c.score();
            if (t > 0 && h.session(t - 1).equals(h.session(t))) {
                s += alpha * dot(query, h.vectors()[t - 1]);
            }
            if (t + 1 < h.vectors().length && h.session(t + 1).equals(h.session(t))) {
                s += alpha * dot(query, h.vectors()[t + 1]);
            }
            scored.add(new ScoredId(c.id(), (float) s));
        }
        scored.sort(java.util.Comparator.comparingDouble(ScoredId::score).reversed());
        return scored.subList(0, Math.min(k, scored.size()));
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static List<UUID> ids(List<? extends Object> hits) {
        List<UUID> ids = new ArrayList<>();
        for (Object hit : hits) {
            ids.add(hit instanceof ScoredId s ? s.id() : ((FusedHit) hit).id());
        }
        return ids;
    }

    static List<FusedHit> fuse(Map<String, Double> weights, Map<String, List<ScoredId>> channels, int limit) {
        return new WeightedScoreFusion(weights).fuse(channels, limit);
    }

    /** The shipped pipeline: dense, lexical, context at 0.3/0.5/0.2 over 100 candidates each. */
    static List<FusedHit> shipped(Haystack h, int q, float[] vector, String text, int candidates) {
        Map<String, List<ScoredId>> channels = new LinkedHashMap<>();
        channels.put("dense", dense(h, vector, candidates));
        channels.put("context", context(h, vector, candidates, 0.5));
        channels.put("lexical", lexical(h, text, candidates));
        return fuse(Map.of("dense", 0.3, "lexical", 0.5, "context", 0.2), channels, 100);
    }

    static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }

    // ---------------------------------------------------------------- experiments

    private final Map<Haystack, LexicalIndex> sessionLexical = new java.util.HashMap<>();
    private final Map<Haystack, Map<String, float[]>> sessionMeans = new java.util.HashMap<>();

    private void buildSessions() {
        for (Haystack h : haystacks) {
            Map<String, StringBuilder> texts = new LinkedHashMap<>();
            Map<String, float[]> sums = new LinkedHashMap<>();
            for (int t = 0; t < h.vectors().length; t++) {
                texts.computeIfAbsent(h.session(t), s -> new StringBuilder()).append(h.conversation().turns().get(t).text()).append('\n');
                float[] sum = sums.computeIfAbsent(h.session(t), s -> new float[h.vectors()[0].length]);
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += h.vectors()[t][j];
                }
            }
            LexicalIndex index = new LexicalIndex();
            texts.forEach((s, text) -> index.put(new UUID(1, Integer.parseInt(s.substring(1))), text.toString()));
            sessionLexical.put(h, index);
            Map<String, float[]> means = new LinkedHashMap<>();
            sums.forEach((s, v) -> means.put(s, normalised(v)));
            sessionMeans.put(h, means);
        }
    }

    /** Session scores in [0,1] from the session-document channels, weighted. */
    Map<String, Double> sessionScores(Haystack h, int q, double wLex, double wDense) {
        Map<String, Double> scores = new LinkedHashMap<>();
        List<ScoredId> lex = sessionLexical.get(h).search(text(h, q), 100, null);
        if (!lex.isEmpty() && wLex > 0) {
            float max = lex.get(0).score();
            for (ScoredId hit : lex) {
                scores.merge("D" + hit.id().getLeastSignificantBits(), wLex * hit.score() / max, Double::sum);
            }
        }
        if (wDense > 0) {
            Map<String, Double> dense = new LinkedHashMap<>();
            sessionMeans.get(h).forEach((s, v) -> dense.put(s, (double) dot(h.questionVectors()[q], v)));
            double max = dense.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
            double min = dense.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            dense.forEach((s, v) -> scores.merge(s, wDense * (max > min ? (v - min) / (max - min) : 1), Double::sum));
        }
        return scores;
    }

    List<FusedHit> withSessions(Haystack h, int q, List<FusedHit> fused, double gammaBest, double gammaDoc, double wLex, double wDense) {
        Map<String, Double> doc = gammaDoc > 0 ? sessionScores(h, q, wLex, wDense) : Map.of();
        double best = fused.isEmpty() ? 1 : fused.get(0).score();
        Map<String, Double> bestInSession = new LinkedHashMap<>();
        for (FusedHit hit : fused) {
            bestInSession.merge(h.session(h.turn(hit.id())), hit.score() / best, Math::max);
        }
        List<FusedHit> out = new ArrayList<>();
        for (FusedHit hit : fused) {
            String s = h.session(h.turn(hit.id()));
            out.add(new FusedHit(hit.id(), hit.score() / best + gammaBest * bestInSession.get(s) + gammaDoc * doc.getOrDefault(s, 0.0),
                    hit.ranks(), hit.channelScores()));
        }
        out.sort(java.util.Comparator.comparingDouble(FusedHit::score).reversed());
        return out;
    }

    private void experiments() {
        System.out.printf("%-44s %5s %5s %5s %5s %5s %5s%n", "variant (dev)", "R@1", "R@5", "R@10", "R@25", "R@50", "NDCG");
        Ranker full = (h, q) -> ids(withSessions(h, q, shipped(h, q, h.questionVectors()[q], text(h, q), 100), 0.7, 0, 0, 0));
        report("full pipeline", full);
        for (double alpha : new double[] {0.3, 0.8, 1.0}) {
            report("context alpha " + alpha, (h, q) -> {
                Map<String, List<ScoredId>> channels = new LinkedHashMap<>();
                channels.put("dense", dense(h, h.questionVectors()[q], 100));
                channels.put("context", context(h, h.questionVectors()[q], 100, alpha));
                channels.put("lexical", lexical(h, text(h, q), 100));
                return ids(withSessions(h, q, fuse(Map.of("dense", 0.3, "lexical", 0.5, "context", 0.2), channels, 100), 0.7, 0, 0, 0));
            });
        }
        for (double gamma : new double[] {0.6, 0.8}) {
            report("gamma " + gamma, (h, q) -> ids(withSessions(h, q, shipped(h, q, h.questionVectors()[q], text(h, q), 100), gamma, 0, 0, 0)));
        }
        if (Boolean.getBoolean("lab.misses")) {
            listMisses(full);
        }
    }

    private void listMisses(Ranker full) {
        java.util.Random random = new java.util.Random(7);
        for (int c : LocomoBenchmark.DEV) {
            Haystack h = haystacks.get(c);
            for (Question q : h.conversation().questions()) {
                List<String> ev = h.evidence().get(q.index());
                if (ev.isEmpty() || random.nextInt(12) != 0) {
                    continue;
                }
                List<String> top = full.rank(h, q.index()).stream().limit(10).map(id -> h.diaIds().get(h.turn(id))).toList();
                List<String> missed = ev.stream().filter(e -> !top.contains(e)).toList();
                if (missed.isEmpty()) {
                    continue;
                }
                System.out.println("\nQ [" + CATEGORIES[q.category()] + "] " + q.question());
                for (String e : missed) {
                    System.out.println("  MISSED " + e + ": " + h.conversation().turns().get(h.diaIds().indexOf(e)).text());
                }
                for (int i = 0; i < 3; i++) {
                    System.out.println("  got " + top.get(i) + ": " + h.conversation().turns().get(h.diaIds().indexOf(top.get(i))).text());
                }
            }
        }
    }

    /** Adds the other turns of the best-scoring sessions as candidates with a fused score of zero. */
    static List<FusedHit> expand(Haystack h, List<FusedHit> fused, int sessions) {
        List<String> top = new ArrayList<>();
        for (FusedHit hit : fused) {
            String s = h.session(h.turn(hit.id()));
            if (!top.contains(s)) {
                top.add(s);
            }
            if (top.size() == sessions) {
                break;
            }
        }
        java.util.Set<UUID> present = new java.util.HashSet<>(ids(fused));
        List<FusedHit> out = new ArrayList<>(fused);
        for (int t = 0; t < h.vectors().length; t++) {
            if (top.contains(h.session(t)) && !present.contains(h.id(t))) {
                out.add(new FusedHit(h.id(t), 0, Map.of("none", 1), Map.of("none", 0f)));
            }
        }
        return out;
    }

    /** Adds nb times the better neighbour's score (same session, one turn away) to each hit. */
    static List<FusedHit> neighbours(Haystack h, List<FusedHit> hits, double nb) {
        Map<Integer, Double> byTurn = new java.util.HashMap<>();
        for (FusedHit hit : hits) {
            byTurn.put(h.turn(hit.id()), hit.score());
        }
        List<FusedHit> out = new ArrayList<>();
        for (FusedHit hit : hits) {
            int t = h.turn(hit.id());
            double n = 0;
            for (int o : new int[] {t - 1, t + 1}) {
                if (byTurn.containsKey(o) && h.session(o).equals(h.session(t))) {
                    n = Math.max(n, byTurn.get(o));
                }
            }
            out.add(new FusedHit(hit.id(), hit.score() + nb * n, hit.ranks(), hit.channelScores()));
        }
        out.sort(java.util.Comparator.comparingDouble(FusedHit::score).reversed());
        return out;
    }

    /** Min-max normalise a channel, then add gamma times the best normalised score in the turn's session. */
    static List<ScoredId> channelPrior(Haystack h, List<ScoredId> hits, double gamma) {
        if (hits.isEmpty()) {
            return hits;
        }
        float max = hits.get(0).score();
        float min = hits.get(hits.size() - 1).score();
        float range = max > min ? max - min : 1;
        Map<String, Double> best = new LinkedHashMap<>();
        for (ScoredId hit : hits) {
            best.merge(h.session(h.turn(hit.id())), (double) (hit.score() - min) / range, Math::max);
        }
        List<ScoredId> out = new ArrayList<>();
        for (ScoredId hit : hits) {
            out.add(new ScoredId(hit.id(), (float) ((hit.score() - min) / range + gamma * best.get(h.session(h.turn(hit.id()))))));
        }
        out.sort(java.util.Comparator.comparingDouble(ScoredId::score).reversed());
        return out;
    }

    static String text(Haystack h, int q) {
        return h.conversation().questions().get(q).question();
    }

    static float[] prf(Haystack h, float[] query, List<FusedHit> first, int m, double beta) {
        float[] moved = query.clone();
        for (int i = 0; i < Math.min(m, first.size()); i++) {
            float[] v = h.vectors()[h.turn(first.get(i).id())];
            for (int j = 0; j < moved.length; j++) {
                moved[j] += (float) (beta / m) * v[j];
            }
        }
        return normalised(moved);
    }

    static List<FusedHit> sessionPrior(Haystack h, List<FusedHit> fused, double gamma, int top) {
        Map<String, List<Double>> bySession = new LinkedHashMap<>();
        double best = fused.isEmpty() ? 1 : fused.get(0).score();
        for (FusedHit hit : fused) {
            bySession.computeIfAbsent(h.session(h.turn(hit.id())), s -> new ArrayList<>()).add(hit.score() / best);
        }
        Map<String, Double> prior = new LinkedHashMap<>();
        bySession.forEach((s, scores) -> prior.put(s, scores.stream().limit(top).mapToDouble(Double::doubleValue).sum() / top));
        List<FusedHit> out = new ArrayList<>();
        for (FusedHit hit : fused) {
            out.add(new FusedHit(hit.id(), hit.score() / best + gamma * prior.get(h.session(h.turn(hit.id()))), hit.ranks(), hit.channelScores()));
        }
        out.sort(java.util.Comparator.comparingDouble(FusedHit::score).reversed());
        return out;
    }
}
