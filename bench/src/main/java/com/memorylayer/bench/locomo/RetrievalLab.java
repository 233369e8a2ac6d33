package com.memorylayer.bench.locomo;

import com.memorylayer.bench.locomo.LocomoData.Conversation;
import com.memorylayer.bench.locomo.LocomoData.Question;
import com.memorylayer.entities.EntityExtractor;
import com.memorylayer.entities.recall.EntityChannel;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.search.DenseIndex;
import com.memorylayer.retrieval.search.FusedHit;
import com.memorylayer.retrieval.search.LexicalIndex;
import com.memorylayer.retrieval.search.NeighbourContextSearch;
import com.memorylayer.retrieval.search.RankingSettings;
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
 * A fast, in-process loop for trying retrieval ideas on the LoCoMo dev split: the product's own index, fusion,
 * context and session-boost classes over cached bge vectors, scored here with eval.py's turn-level definitions. No platform, no HTTP, so a
 * variant costs seconds. Only the dev split is printed unless {@code -Dlab.heldout=true}: choices are made on dev;
 * the API benchmark ({@code locomo}) is the figure of record.
 */
public final class RetrievalLab {

    private static final Pattern EVIDENCE = Pattern.compile("D\\d+:\\d+");
    private static final int[] KS = {1, 5, 10, 25, 50};
    private static final String[] CATEGORIES = {"", "multi-hop", "temporal", "open-domain", "single-hop", "adversarial"};

    /** One conversation's search state, ids are turn positions encoded as UUIDs. */
    record Haystack(Conversation conversation, List<String> diaIds, DenseIndex dense,
            LexicalIndex lexical, float[][] questionVectors, List<List<String>> evidence, LabGraph graph) {

        /** When the questions are asked: the day of the conversation's last session. */
        java.time.LocalDate reference() {
            return conversation.turns().stream().map(LocomoData.Turn::time).max(java.util.Comparator.naturalOrder()).orElseThrow()
                    .atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        }

        java.time.Instant time(UUID id) {
            return conversation.turns().get(turn(id)).time();
        }

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
        EntityExtractor extractor = EntityExtractor.english();
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
            haystacks.add(new Haystack(c, diaIds, dense, lexical, questions, evidence, LabGraph.of(extractor, c)));
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

    /** The product's session-context channel, with neighbours taken from the dialogue order within a session. */
    static List<ScoredId> context(Haystack h, float[] query, int k, double alpha) {
        return NeighbourContextSearch.search(h.dense(), new NeighbourContextSearch.Neighbours() {
            @Override
            public UUID previous(UUID id) {
                return sameSession(h, h.turn(id), h.turn(id) - 1);
            }

            @Override
            public UUID next(UUID id) {
                return sameSession(h, h.turn(id), h.turn(id) + 1);
            }
        }, query, k, null, alpha);
    }

    private static UUID sameSession(Haystack h, int turn, int other) {
        return other >= 0 && other < h.diaIds().size() && h.session(other).equals(h.session(turn)) ? h.id(other) : null;
    }

    static List<UUID> ids(List<? extends Object> hits) {
        List<UUID> ids = new ArrayList<>();
        for (Object hit : hits) {
            ids.add(hit instanceof ScoredId s ? s.id() : ((FusedHit) hit).id());
        }
        return ids;
    }

    /** The three channels fused as {@code ranking} says, before the session boost; all fused candidates kept. */
    static List<FusedHit> fused(Haystack h, float[] vector, String text, RankingSettings ranking) {
        return fused(h, vector, text, ranking, 0, null);
    }

    /** With the entity channel at {@code entityWeight} (0: off) beside the three. */
    static List<FusedHit> fused(Haystack h, float[] vector, String text, RankingSettings ranking, double entityWeight,
            EntityChannel entity) {
        int k = ranking.candidates();
        Map<String, List<ScoredId>> channels = new LinkedHashMap<>();
        channels.put(RankingSettings.DENSE, dense(h, vector, k));
        channels.put(RankingSettings.CONTEXT, context(h, vector, k, ranking.contextAlpha()));
        channels.put(RankingSettings.LEXICAL, lexical(h, text, k));
        if (entityWeight <= 0) {
            return ranking.rankFusion().fuse(channels, k);
        }
        channels.put(EntityChannel.NAME, entity.search(h.graph(), text, k, null).hits().stream()
                .map(hit -> new ScoredId(hit.memoryId(), hit.score())).toList());
        return new WeightedScoreFusion(Map.of(RankingSettings.DENSE, ranking.denseWeight(), RankingSettings.LEXICAL,
                1 - ranking.denseWeight(), RankingSettings.CONTEXT, ranking.contextWeight(), EntityChannel.NAME, entityWeight))
                .fuse(channels, k);
    }

    /** The fused candidates through the product's session boost at {@code ranking}'s weight, best first. */
    static List<UUID> boosted(Haystack h, List<FusedHit> fused, RankingSettings ranking) {
        return ranking.sessionBoost().apply(fused, id -> h.session(h.turn(id))).stream().map(b -> b.hit().id()).toList();
    }

    /** The whole pipeline as {@code ranking} says: fusion, then the session boost. */
    static Ranker pipeline(RankingSettings ranking) {
        return (h, q) -> boosted(h, fused(h, h.questionVectors()[q], text(h, q), ranking), ranking);
    }

    /**
     * The pipeline with the query's time resolved against the conversation's last day: when it names one, a fourth
     * channel ranks the memories of that window by their dense score ({@code channelWeight}, 0: none), and memories
     * in the window gain {@code boost} after the session boost. Questions without a time are ranked as shipped.
     */
    static Ranker timed(RankingSettings ranking, double channelWeight, double boost) {
        Ranker shipped = pipeline(ranking);
        return (h, q) -> {
            var window = com.memorylayer.retrieval.time.QueryTimeResolver.resolve(text(h, q), h.reference());
            if (window.isEmpty()) {
                return shipped.rank(h, q);
            }
            java.util.function.Predicate<UUID> inWindow = id -> window.get().contains(h.time(id));
            float[] vector = h.questionVectors()[q];
            int k = ranking.candidates();
            Map<String, List<ScoredId>> channels = new LinkedHashMap<>();
            channels.put(RankingSettings.DENSE, dense(h, vector, k));
            channels.put(RankingSettings.CONTEXT, context(h, vector, k, ranking.contextAlpha()));
            channels.put(RankingSettings.LEXICAL, lexical(h, text(h, q), k));
            Map<String, Double> weights = new java.util.HashMap<>(Map.of(RankingSettings.DENSE, ranking.denseWeight(),
                    RankingSettings.LEXICAL, 1 - ranking.denseWeight(), RankingSettings.CONTEXT, ranking.contextWeight()));
            if (channelWeight > 0) {
                channels.put("time", h.dense().search(vector, k, inWindow));
                weights.put("time", channelWeight);
            }
            List<FusedHit> fused = new WeightedScoreFusion(weights).fuse(channels, k);
            return ranking.sessionBoost().apply(fused, id -> h.session(h.turn(id))).stream()
                    .sorted(java.util.Comparator.comparingDouble(
                            (com.memorylayer.retrieval.search.SessionBoost.Boosted b) -> -(b.score() + (inWindow.test(b.hit().id()) ? boost : 0))))
                    .map(b -> b.hit().id()).toList();
        };
    }

    static String text(Haystack h, int q) {
        return h.conversation().questions().get(q).question();
    }

    // ---------------------------------------------------------------- experiments

    /**
     * The shipped pipeline ({@link RankingSettings#SHIPPED}, the settings the query service falls back to) and its
     * neighbourhood. Earlier variants (pseudo-relevance feedback, neighbour and session-document boosts, session
     * expansion, BM25 grids) were run from this class and removed once measured; their figures are in
     * docs/benchmarks.md and their helpers in this file's git history.
     */
    private void experiments() {
        System.out.printf("%-44s %5s %5s %5s %5s %5s %5s%n", "variant (dev)", "R@1", "R@5", "R@10", "R@25", "R@50", "NDCG");
        report("lexical only", (h, q) -> ids(lexical(h, text(h, q), 50)));
        report("dense only", (h, q) -> ids(dense(h, h.questionVectors()[q], 50)));
        report("fused, no session boost",
                (h, q) -> ids(fused(h, h.questionVectors()[q], text(h, q), RankingSettings.SHIPPED)));
        Ranker shipped = pipeline(RankingSettings.SHIPPED);
        report("fused + session boost (shipped)", shipped);
        for (double alpha : new double[] {0.3, 0.8, 1.0}) {
            report("context alpha " + alpha, pipeline(RankingSettings.SHIPPED.withContextAlpha(alpha)));
        }
        for (double weight : new double[] {0.6, 0.8}) {
            report("boost weight " + weight, pipeline(RankingSettings.SHIPPED.withSessionWeight(weight)));
        }
        for (double weight : new double[] {0.05, 0.1, 0.2}) {
            for (double neighbours : new double[] {0, 0.3}) {
                EntityChannel channel = new EntityChannel(neighbours, 5);
                report("entity channel " + weight + ", neighbours " + neighbours, (h, q) -> boosted(h,
                        fused(h, h.questionVectors()[q], text(h, q), RankingSettings.SHIPPED, weight, channel), RankingSettings.SHIPPED));
            }
        }
        long timed = LocomoBenchmark.DEV.stream().mapToLong(c -> haystacks.get(c).conversation().questions().stream()
                .filter(q -> com.memorylayer.retrieval.time.QueryTimeResolver.resolve(q.question(), haystacks.get(c).reference()).isPresent())
                .count()).sum();
        System.out.println("dev questions naming a time: " + timed);
        for (double weight : new double[] {0.25, 0.5, 0.75, 1.0, 1.5}) {
            report("time channel " + weight, timed(RankingSettings.SHIPPED, weight, 0));
        }
        for (double boost : new double[] {0.1, 0.4, 0.8}) {
            report("time boost " + boost, timed(RankingSettings.SHIPPED, 0, boost));
        }
        report("time channel 0.5 + boost 0.2", timed(RankingSettings.SHIPPED, 0.5, 0.2));
        report("time channel 1.0 + boost 0.2", timed(RankingSettings.SHIPPED, 1.0, 0.2));
        if (Boolean.getBoolean("lab.misses")) {
            listMisses(shipped);
        }
    }

    /** Prints a sample of dev questions whose evidence the ranker misses in its top 10, beside what it found. */
    private void listMisses(Ranker ranker) {
        java.util.Random random = new java.util.Random(7);
        for (int c : LocomoBenchmark.DEV) {
            Haystack h = haystacks.get(c);
            for (Question q : h.conversation().questions()) {
                List<String> ev = h.evidence().get(q.index());
                if (ev.isEmpty() || random.nextInt(12) != 0) {
                    continue;
                }
                List<String> top = ranker.rank(h, q.index()).stream().limit(10).map(id -> h.diaIds().get(h.turn(id))).toList();
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
}
