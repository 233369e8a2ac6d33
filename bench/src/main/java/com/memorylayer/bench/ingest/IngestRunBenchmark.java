package com.memorylayer.bench.ingest;

import com.memorylayer.bench.cpu.CpuByThread;
import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench ingest-run}: a bulk run through {@code POST /ingest} on the whole platform, measured from the first
 * request sent until the run reports every item applied, beside the ingest worker's own embedder on the same texts
 * in the same process (the ceiling: embedding is the work); then recall latency on another workspace, idle and while
 * a second run ingests. The memory model is whatever the worker is configured with
 * ({@code MEMORYLAYER_EMBEDDING_MODEL}).
 */
public final class IngestRunBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int PER_REQUEST = 1000;
    /** Items of one session: dedupe compares a narrative with its session's, as it would for a real conversation. */
    private static final int SESSION_ITEMS = 20;

    private IngestRunBenchmark() {
    }

    public static void run(List<String> turns, List<String> queries, int size) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "ingest-run-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")), Platform.NO_RATE_LIMIT)) {
            TextEmbedder embedder = platform.ingestWorker().getBean(TextEmbedder.class);
            System.out.println("memory embedding model: " + embedder.modelName());
            List<String> texts = texts(turns, size);

            // The JIT's first pass over the write path is not the figure of record.
            Bench warmup = new Bench(platform, "warmup");
            warmup.ingest(texts.subList(0, Math.min(2_000, size)), "warm-up");

            Bench main = new Bench(platform, "bulk");
            CpuByThread cpuBefore = CpuByThread.snapshot();
            double endToEnd = main.ingest(texts, "run of record");
            String cpu = CpuByThread.snapshot().since(cpuBefore, 12);
            long rawStart = System.nanoTime();
            for (int i = 0; i < texts.size(); i += 64) {
                embedder.embed(texts.subList(i, Math.min(texts.size(), i + 64)));
            }
            double raw = (System.nanoTime() - rawStart) / 1e9;
            System.out.printf("%,d items: end to end %.1f s (%.1f items/s); the worker's embedder alone on the same texts, batches of 64:"
                    + " %.1f s (%.1f texts/s); end to end / raw = %.2f%n", size, endToEnd, size / endToEnd, raw, size / raw, raw / endToEnd);
            System.out.println("CPU while the run ingested: " + cpu);

            // Recall on another workspace, idle and while a second run ingests.
            Bench reader = new Bench(platform, "reader");
            reader.ingest(turns.subList(0, Math.min(2_000, turns.size())), "recall workspace seed");
            long[] idle = reader.recalls(queries, 200, new AtomicBoolean(true));
            Bench second = new Bench(platform, "second");
            List<String> secondTexts = texts(turns.subList(2_000, turns.size()), Math.min(6_000, size));
            AtomicBoolean running = new AtomicBoolean(true);
            Thread ingest = Thread.ofPlatform().start(() -> {
                try {
                    second.ingest(secondTexts, "second run (under recall)");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.set(false);
                }
            });
            Thread.sleep(3_000);
            long[] busy = reader.recalls(queries, 200, running);
            ingest.join();
            System.out.println("recall on another workspace (2,000 memories), one client, through the gateway:");
            System.out.println("  idle:               " + LatencyBenchmark.percentiles(idle));
            System.out.println("  while a run ingests: " + LatencyBenchmark.percentiles(busy));
            System.out.println("command: bench ingest-run ../shared/bench/locomo " + size);
        }
    }

    /** {@code size} texts from the turns, repeated with a pass number where the corpus is shorter, in sessions. */
    public static List<String> texts(List<String> turns, int size) {
        List<String> texts = new ArrayList<>(size);
        for (int i = 0; texts.size() < size; i++) {
            String turn = turns.get(i % turns.size());
            int pass = i / turns.size();
            texts.add(pass == 0 ? turn : turn + " (pass " + pass + ")");
        }
        return texts;
    }

    /** One workspace with a key, driven over HTTP as a client would. */
    private static final class Bench {

        private final String base;
        private final String key;

        Bench(Platform platform, String slug) {
            Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
            this.key = platform.gateway().getBean(ApiKeyIssuer.class)
                    .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
            this.base = platform.gatewayUrl() + "/v1/workspaces/" + slug;
        }

        /** One run of these texts, 1,000 a request; seconds from the first request to the run's last item applied. */
        double ingest(List<String> texts, String label) throws Exception {
            long started = System.nanoTime();
            String runId = null;
            for (int start = 0; start < texts.size(); start += PER_REQUEST) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = start; i < Math.min(texts.size(), start + PER_REQUEST); i++) {
                    items.add(Map.of("content", texts.get(i), "session_id", "s" + (i / SESSION_ITEMS)));
                }
                JsonNode accepted = post(runId == null ? "/ingest" : "/ingest/runs/" + runId + "/items",
                        Map.of("items", items, "source_name", label));
                runId = accepted.path("run_id").asString();
            }
            double acceptedSeconds = (System.nanoTime() - started) / 1e9;
            post("/ingest/runs/" + runId + "/close", Map.of());
            JsonNode run;
            // Polled as ./memorylayer ingest polls (every 500 ms): the watcher's own load should be a client's.
            do {
                Thread.sleep(500);
                run = get("/ingest/runs/" + runId);
            } while (!run.path("finished_at").isString());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s: %,d items accepted in %.1f s, all applied after %.1f s (%.1f items/s; the run says %s/s)"
                    + ", %d merged, %d rejected%n", label, texts.size(), acceptedSeconds, seconds, texts.size() / seconds,
                    run.path("items_per_second").asString(), run.path("items_merged").asLong(), run.path("items_rejected").asLong());
            return seconds;
        }

        /** Up to {@code count} recalls one after another while {@code running}; their latencies. */
        long[] recalls(List<String> queries, int count, AtomicBoolean running) throws Exception {
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < count && running.get(); i++) {
                long start = System.nanoTime();
                post("/recall", Map.of("query", queries.get(i % queries.size()), "limit", 10));
                nanos.add(System.nanoTime() - start);
            }
            return nanos.stream().mapToLong(Long::longValue).toArray();
        }

        private JsonNode post(String path, Object body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        private JsonNode get(String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", key).GET().build();
            return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
