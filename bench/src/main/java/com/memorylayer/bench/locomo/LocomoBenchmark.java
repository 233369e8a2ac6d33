package com.memorylayer.bench.locomo;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.bench.locomo.LocomoData.Conversation;
import com.memorylayer.bench.locomo.LocomoData.Question;
import com.memorylayer.bench.locomo.LocomoData.Turn;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import com.memorylayer.retrieval.search.RankingSettings;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.schemas.db.WorkspaceDsl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * LoCoMo retrieval through the product's public API: one workspace per conversation, one memory per turn (the
 * turn's {@code dia_id} in metadata), every question asked through recall (top 50), rankings scored by the
 * benchmark's own {@code eval.py}, separately for the dev split (conversations 0–4, the only one tuned on) and the
 * held-out split (5–9). Each retrieval stage runs as an ablation in the same run.
 */
public final class LocomoBenchmark {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int TOP = 50;
    static final List<Integer> DEV = List.of(0, 1, 2, 3, 4);
    static final List<Integer> HELD_OUT = List.of(5, 6, 7, 8, 9);

    record Variant(String name, Map<String, Object> options) {
        /** The one channel this variant runs alone, or null for the full pipeline. */
        String channel() {
            Object channels = options.get("channels");
            return channels instanceof List<?> list && list.size() == 1 ? (String) list.get(0) : null;
        }
    }

    /** Candidates per channel handed to fusion, as in the query service. */
    static final int CANDIDATES = RankingSettings.SHIPPED.candidates();

    static final List<Variant> VARIANTS = List.of(
            new Variant("lexical only", Map.of("channels", List.of("lexical"), "session_boost", false)),
            new Variant("dense only", Map.of("channels", List.of("dense"), "session_boost", false)),
            new Variant("session-context dense only", Map.of("channels", List.of("context"), "session_boost", false)),
            new Variant("fused, no session boost", Map.of("session_boost", false)),
            new Variant("fused + session boost, no time channel", Map.of("channels", List.of("dense", "lexical", "context"))),
            new Variant("fused + session boost (default)", Map.of()));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path locomoDir;
    final Path out;
    private String baseUrl;
    private boolean dedupe = true;

    private LocomoBenchmark(Path locomoDir, Path out) {
        this.locomoDir = locomoDir;
        this.out = out;
    }

    public static void run(Path locomoDir) throws Exception {
        run(locomoDir, true);
    }

    /** @param dedupe whether remembers are deduplicated (the product's default) or stored whatever */
    public static void run(Path locomoDir, boolean dedupe) throws Exception {
        Path out = Path.of("bench", "target", dedupe ? "locomo" : "locomo-no-dedupe");
        Files.createDirectories(out);
        LocomoBenchmark benchmark = new LocomoBenchmark(locomoDir, out);
        benchmark.dedupe = dedupe;
        benchmark.runAll();
    }

    private void runAll() throws Exception {
        LocomoData data = LocomoData.load(locomoDir.resolve("locomo10.json"));
        Path platformDir = Files.createTempDirectory(Path.of("bench", "target"), "platform-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(platformDir, Path.of("bench", "target", "model-cache")), Platform.NO_RATE_LIMIT)) {
            baseUrl = platform.gatewayUrl();
            List<Loaded> loaded = new ArrayList<>();
            long started = System.nanoTime();
            int memories = 0;
            // Conversations in parallel, each one's turns in order, as agents write them: a session's order is the
            // order its memories were written, which the session-context channel reads.
            ExecutorService writers = Executors.newFixedThreadPool(data.conversations().size());
            List<Future<Loaded>> loading = new ArrayList<>();
            for (Conversation conversation : data.conversations()) {
                loading.add(writers.submit(() -> load(platform, conversation)));
                memories += conversation.turns().size();
            }
            try {
                for (Future<Loaded> l : loading) {
                    loaded.add(l.get());
                }
            } finally {
                writers.shutdown();
            }
            // Accepted → applied: every command is recorded in its workspace schema (a recall then sees it). Counting
            // them costs the platform nothing; waiting on every token through recall would dominate the figure.
            DSLContext control = platform.gateway().getBean(DSLContext.class);
            for (Loaded l : loaded) {
                DSLContext ws = new WorkspaceDsl(control).in(l.workspace().schema());
                while (ws.fetchCount(APPLIED_EVENTS) < l.conversation().turns().size()) {
                    Thread.sleep(20);
                }
            }
            reportMerges(control, loaded);
            // And each workspace's last accepted write is visible to recall through its consistency token.
            for (Loaded l : loaded) {
                awaitApplied(l, l.tokens().get(l.tokens().size() - 1));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("loaded %d memories into %d workspaces in %.1f s (%.1f memories/s accepted → recallable)%n",
                    memories, loaded.size(), seconds, memories / seconds);

            writeSplit(data, DEV, "dev");
            writeSplit(data, HELD_OUT, "heldout");
            StringBuilder report = new StringBuilder();
            Map<String, Map<String, List<ScoredId>>> channelRankings = new LinkedHashMap<>();
            for (Variant variant : VARIANTS) {
                Map<String, List<String>> rankings = ask(loaded, variant, channelRankings);
                for (String split : List.of("dev", "heldout")) {
                    List<Integer> members = split.equals("dev") ? DEV : HELD_OUT;
                    Path file = out.resolve(fileName(variant, split) + ".jsonl");
                    writeRankings(file, loaded, members, rankings, false);
                    Path sessionFile = out.resolve(fileName(variant, split) + "-session.jsonl");
                    writeRankings(sessionFile, loaded, members, rankings, true);
                    String turn = eval(split, file, "turn");
                    String session = eval(split, sessionFile, "session");
                    report.append("### ").append(variant.name()).append(" — ").append(split).append("\n```\n")
                            .append(turn).append("```\nsession level:\n```\n").append(session).append("```\n");
                }
            }
            report.append(FusionGrid.evaluate(this, loaded, channelRankings));
            for (String split : List.of("dev", "heldout")) {
                report.append("### eval.py's own BM25 — ").append(split).append("\n```\n").append(eval(split, null, "turn")).append("```\n");
            }
            Files.writeString(out.resolve("report.md"), report.toString());
            System.out.println(report);
        }
    }

    /**
     * Which turns dedupe on write merged into another, and whether any of them is evidence for a question: a
     * merged turn's id never comes back from recall, so merging evidence would lower recall.
     */
    private void reportMerges(DSLContext control, List<Loaded> loaded) {
        for (List<Integer> split : List.of(DEV, HELD_OUT)) {
            int merged = 0;
            int turns = 0;
            List<String> mergedEvidence = new ArrayList<>();
            List<String> examples = new ArrayList<>();
            for (int i : split) {
                Loaded l = loaded.get(i);
                Set<String> evidence = new java.util.HashSet<>();
                l.conversation().questions().forEach(q -> evidence.addAll(q.evidence()));
                turns += l.conversation().turns().size();
                DSLContext ws = new WorkspaceDsl(control).in(l.workspace().schema());
                for (var row : ws.select(APPLIED_EVENTS.MEMORY_ID, APPLIED_EVENTS.OUTCOME).from(APPLIED_EVENTS)
                        .where(APPLIED_EVENTS.OUTCOME.like("merged_into:%")).fetch()) {
                    merged++;
                    String diaId = l.diaIdByMemory().get(row.value1().toString());
                    String into = l.diaIdByMemory().get(row.value2().substring("merged_into:".length()));
                    if (evidence.contains(diaId)) {
                        mergedEvidence.add(l.conversation().sampleId() + " " + diaId);
                    }
                    if (examples.size() < 8) {
                        examples.add(diaId + " → " + into + ": " + text(l, diaId) + " ⇒ " + text(l, into));
                    }
                }
            }
            System.out.printf("dedupe on write (%s): %d of %d turns merged into another, %d of them evidence %s%n",
                    split == DEV ? "dev" : "held-out", merged, turns, mergedEvidence.size(), mergedEvidence);
            examples.forEach(e -> System.out.println("    " + e));
        }
    }

    private static String text(Loaded l, String diaId) {
        return l.conversation().turns().stream().filter(t -> t.diaId().equals(diaId)).findFirst().map(Turn::text).orElse("?");
    }

    record Loaded(Conversation conversation, Workspace workspace, String slug, String key, Map<String, String> diaIdByMemory,
            List<String> tokens) {
    }

    private Loaded load(Platform platform, Conversation conversation) throws Exception {
        String slug = "locomo-" + conversation.position();
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        String key = platform.gateway().getBean(ApiKeyIssuer.class)
                .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
        Map<String, String> diaIdByMemory = new ConcurrentHashMap<>();
        List<String> all = new ArrayList<>();
        for (Turn turn : conversation.turns()) {
            Map<String, Object> body = Map.of("content", turn.text(), "created_at", turn.time().toString(),
                    "metadata", Map.of("dia_id", turn.diaId(), "session", turn.session()),
                    "session_id", turn.session(), "dedupe", dedupe);
            JsonNode response = post("/v1/workspaces/" + slug + "/memories", key, body, 202);
            diaIdByMemory.put(response.get("id").asString(), turn.diaId());
            all.add(response.get("consistency_token").asString());
        }
        return new Loaded(conversation, workspace, slug, key, diaIdByMemory, all);
    }

    private Map<String, List<String>> ask(List<Loaded> loaded, Variant variant,
            Map<String, Map<String, List<ScoredId>>> channelRankings) throws Exception {
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        long started = System.nanoTime();
        int asked = 0;
        for (Loaded l : loaded) {
            for (Question q : l.conversation().questions()) {
                Map<String, Object> options = new LinkedHashMap<>(variant.options());
                String channel = variant.channel();
                options.put("limit", channel == null ? TOP : CANDIDATES);
                JsonNode response = recall(l, q.question(), options);
                List<String> ids = new ArrayList<>();
                List<ScoredId> scored = new ArrayList<>();
                for (JsonNode result : response.get("results")) {
                    ids.add(result.path("metadata").path("dia_id").asString());
                    if (channel != null) {
                        scored.add(new ScoredId(java.util.UUID.fromString(result.path("id").asString()),
                                (float) result.path("explanation").path(channel + "_score").asDouble()));
                    }
                }
                String question = l.conversation().sampleId() + "#" + q.index();
                rankings.put(question, ids.subList(0, Math.min(TOP, ids.size())));
                if (channel != null) {
                    channelRankings.computeIfAbsent(question, k -> new LinkedHashMap<>()).put(channel, scored);
                }
                asked++;
            }
        }
        System.out.printf("%s: %d recalls, %.1f ms each on average (through HTTP, gateway and query service)%n",
                variant.name(), asked, (System.nanoTime() - started) / 1e6 / asked);
        return rankings;
    }

    /** Waits for one write; a backlog longer than the service's consistency wait answers 503, so ask again. */
    private void awaitApplied(Loaded l, String token) throws Exception {
        while (true) {
            try {
                recall(l, "x", Map.of("limit", 1, "channels", List.of("lexical"), "consistency_token", token));
                return;
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains("consistency_timeout")) {
                    throw e;
                }
            }
        }
    }

    private JsonNode recall(Loaded l, String query, Map<String, Object> options) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(options);
        body.put("query", query);
        // The questions are asked after the conversation: its last day is "today" for the times they name.
        body.put("reference_date", l.conversation().turns().stream().map(Turn::time).max(java.util.Comparator.naturalOrder())
                .orElseThrow().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString());
        return post("/v1/workspaces/" + l.slug() + "/recall", l.key(), body, 200);
    }

    private JsonNode post(String path, String key, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void writeSplit(LocomoData data, List<Integer> members, String split) throws IOException {
        ArrayNode subset = JSON.createArrayNode();
        members.forEach(i -> subset.add(data.raw().get(i)));
        Files.writeString(out.resolve("locomo-" + split + ".json"), JSON.writeValueAsString(subset));
    }

    void writeRankings(Path file, List<Loaded> loaded, List<Integer> members, Map<String, List<String>> rankings,
            boolean sessions) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i : members) {
            Loaded l = loaded.get(i);
            for (Question q : l.conversation().questions()) {
                List<String> ids = rankings.get(l.conversation().sampleId() + "#" + q.index());
                if (sessions) {
                    Set<String> unique = new LinkedHashSet<>();
                    ids.forEach(id -> unique.add(id.split(":")[0]));
                    ids = new ArrayList<>(unique);
                }
                lines.append(JSON.writeValueAsString(Map.of("sample_id", l.conversation().sampleId(), "qa_index", q.index(),
                        "ranked_ids", ids))).append('\n');
            }
        }
        Files.writeString(file, lines.toString());
    }

    String eval(String split, Path rankings, String level) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", locomoDir.resolve("eval.py").toString(),
                out.resolve("locomo-" + split + ".json").toString(), "--level", level));
        if (rankings != null) {
            command.add("--rankings");
            command.add(rankings.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("eval.py failed: " + output);
        }
        return output;
    }

    private static String fileName(Variant variant, String split) {
        return variant.name().replaceAll("[^a-z]+", "-").replaceAll("-$", "") + "-" + split;
    }
}
