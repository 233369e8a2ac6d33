package com.memorylayer.bench.scale;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.bench.locomo.LocomoData;
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
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.db.WorkspaceDsl;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One workspace grown to a million memories: how long its runtime takes to warm from Postgres, the heap it holds,
 * recall latency through the gateway, and whether recall still finds a conversation's evidence in the big haystack.
 * Every size is measured in the same run, beside a workspace that holds the probe conversation alone.
 *
 * <p>The haystack is {@link HaystackLoader}'s (made from the embeddings of LoCoMo's held-out conversations 5–9,
 * mixed and perturbed; never asked about). The probe is LoCoMo conversation 0 (dev split), written through the real
 * path (gateway, command log, ingest worker), and its questions are the recalls timed and scored: recall@10 is the
 * share of questions with an evidence turn among the first ten results.
 */
public final class ScaleBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int PROBE = 0;
    private static final List<Integer> HAYSTACK_SOURCES = List.of(5, 6, 7, 8, 9);
    private static final int TIMED_RECALLS = 400;
    private static final int TOP = 10;

    private ScaleBenchmark() {
    }

    /** @param sizes workspace sizes (haystack plus probe); 0 is the probe conversation alone */
    public static void run(Path locomoDir, int[] sizes) throws Exception {
        System.out.println("command: bench scale " + locomoDir + " " + java.util.Arrays.toString(sizes)
                + " (heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, " + Runtime.getRuntime().availableProcessors()
                + " cores)");
        LocomoData data = LocomoData.load(locomoDir.resolve("locomo10.json"));
        Conversation probe = data.conversations().get(PROBE);
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "scale-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")),
                Platform.NO_RATE_LIMIT)) {
            HaystackLoader loader = baseCorpus(platform, data, HAYSTACK_SOURCES);
            for (int size : sizes) {
                measure(platform, loader, probe, size);
            }
        }
    }

    /** The turns of held-out conversations ({@code sources}), embedded by the ingest worker's own embedder. */
    public static HaystackLoader baseCorpus(Platform platform, LocomoData data, List<Integer> sources) {
        List<String> texts = new ArrayList<>();
        for (int position : sources) {
            data.conversations().get(position).turns().forEach(turn -> texts.add(turn.text()));
        }
        TextEmbedder embedder = platform.ingestWorker().getBean(TextEmbedder.class);
        long started = System.nanoTime();
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += 64) {
            float[][] batch = embedder.embed(texts.subList(from, Math.min(texts.size(), from + 64)));
            System.arraycopy(batch, 0, vectors, from, batch.length);
        }
        System.out.printf("base corpus: %,d turns of conversations %s embedded in %.1f s%n", texts.size(), sources,
                (System.nanoTime() - started) / 1e9);
        return new HaystackLoader(texts, vectors, embedder.modelName());
    }

    private static void measure(Platform platform, HaystackLoader loader, Conversation probe, int size) throws Exception {
        String slug = "scale-" + size;
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        String key = platform.gateway().getBean(ApiKeyIssuer.class)
                .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
        DSLContext dsl = platform.gateway().getBean(DSLContext.class);
        int haystack = Math.max(0, size - probe.turns().size());
        long started = System.nanoTime();
        loader.load(dsl, workspace.schema(), haystack, size);
        double loadSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        Map<String, String> diaIdByMemory = new LinkedHashMap<>();
        for (Turn turn : probe.turns()) {
            JsonNode accepted = post(platform, slug, key, "/memories", Map.of("content", turn.text(), "created_at",
                    turn.time().toString(), "metadata", Map.of("dia_id", turn.diaId()), "session_id", turn.session()), 202);
            diaIdByMemory.put(accepted.path("id").asString(), turn.diaId());
        }
        DSLContext ws = new WorkspaceDsl(dsl).in(workspace.schema());
        while (ws.fetchCount(APPLIED_EVENTS) < probe.turns().size()) {
            Thread.sleep(20);
        }
        double probeSeconds = (System.nanoTime() - started) / 1e9;
        int total = haystack + probe.turns().size();
        System.out.printf("%,d memories: haystack of %,d loaded in %.1f s (%.0f rows/s, bench loader); probe of %d turns"
                + " written through the real path in %.1f s%n", total, haystack, loadSeconds, haystack / Math.max(loadSeconds, 1e-9),
                probe.turns().size(), probeSeconds);

        long heapBefore = usedHeapAfterGc();
        started = System.nanoTime();
        // A cold runtime's load that outlasts the query service's warm budget goes on in the background, and recalls
        // answer 503 workspace_warming meanwhile: asked again every second, as a client honouring Retry-After would.
        int refused = 0;
        while (true) {
            try {
                recall(platform, slug, key, probe.questions().get(0).question(), probe);
                break;
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains(" 503: ")) {
                    throw e;
                }
                refused++;
                Thread.sleep(1_000);
            }
        }
        long warmMs = (System.nanoTime() - started) / 1_000_000;
        long heapAfter = usedHeapAfterGc();
        System.out.printf("%,d memories: first recall answered (runtime warmed from Postgres) after %,d ms, %d recalls"
                + " refused 503 before it; heap held by the warm runtime ≈ %.0f MB%n", total, warmMs, refused,
                (heapAfter - heapBefore) / 1e6);

        List<Question> questions = probe.questions();
        long[] nanos = new long[TIMED_RECALLS];
        Map<String, double[]> stagesBefore = stageTotals(platform);
        for (int i = 0; i < TIMED_RECALLS; i++) {
            long t = System.nanoTime();
            recall(platform, slug, key, questions.get(i % questions.size()).question(), probe);
            nanos[i] = System.nanoTime() - t;
        }
        System.out.printf("%,d memories: recall through the gateway, concurrency 1: %s%n", total, LatencyBenchmark.percentiles(nanos));
        StringBuilder stages = new StringBuilder();
        stageTotals(platform).forEach((stage, after) -> {
            double[] before = stagesBefore.getOrDefault(stage, new double[2]);
            double count = after[0] - before[0];
            if (count > 0) {
                stages.append(String.format(" %s %.1f ms;", stage, (after[1] - before[1]) / count));
            }
        });
        System.out.printf("%,d memories: mean time per recall stage on the query service:%s%n", total, stages);

        int answerable = 0;
        int found = 0;
        for (Question question : questions) {
            if (question.evidence().isEmpty()) {
                continue;
            }
            answerable++;
            Set<String> top = new HashSet<>();
            for (JsonNode result : recall(platform, slug, key, question.question(), probe).path("results")) {
                top.add(diaIdByMemory.getOrDefault(result.path("id").asString(), "haystack"));
            }
            if (question.evidence().stream().anyMatch(top::contains)) {
                found++;
            }
        }
        System.out.printf("%,d memories: recall@%d of conversation %d's evidence %.3f (%d of %d questions)%n", total, TOP, PROBE,
                found / (double) answerable, found, answerable);
        platform.queryService().getBean(WorkspaceRuntimeCache.class).close();
    }

    /** Per recall stage ({@code memorylayer.recall.stage}): how many were timed and their total milliseconds. */
    private static Map<String, double[]> stageTotals(Platform platform) {
        Map<String, double[]> totals = new java.util.TreeMap<>();
        platform.queryService().getBean(io.micrometer.core.instrument.MeterRegistry.class).find("memorylayer.recall.stage")
                .timers().forEach(timer -> totals.put(timer.getId().getTag("stage"),
                        new double[] {timer.count(), timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)}));
        return totals;
    }

    private static JsonNode recall(Platform platform, String slug, String key, String query, Conversation probe) throws Exception {
        String today = probe.turns().stream().map(Turn::time).max(java.util.Comparator.naturalOrder()).orElseThrow()
                .atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
        return post(platform, slug, key, "/recall", Map.of("query", query, "limit", TOP, "reference_date", today), 200);
    }

    private static JsonNode post(Platform platform, String slug, String key, String route, Object body, int expected)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/workspaces/" + slug + route))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(route + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
