package com.memorylayer.bench.write;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.bench.cpu.CpuByThread;
import com.memorylayer.bench.ingest.IngestRunBenchmark;
import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import com.memorylayer.schemas.db.WorkspaceDsl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench write-path}: the interactive write path against the bulk path on the same texts, in one run of one
 * platform. (a) {@code writers} clients each send single {@code POST /memories} (no session, as an agent without
 * one does: one dedupe pool) one after another for {@code seconds}; accepted/s is what the 202s came to, applied/s
 * the accepted count over the time until the last of them is applied (its {@code applied_events} row), and the 202's
 * latency percentiles. (b) The texts those writes carried, again, as a bulk run through {@code POST /ingest} (1,000
 * items a request, no session either), from the first request until the run reports every item applied. The ratio
 * is (a)'s applied/s over (b)'s items/s; the goal is at least 0.8. A shorter round of both first warms the JIT.
 */
public final class WritePathBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int PER_REQUEST = 1000;

    private WritePathBenchmark() {
    }

    public static void run(List<String> turns, int writers, int seconds) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "write-path-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")),
                Platform.NO_RATE_LIMIT)) {
            List<String> texts = IngestRunBenchmark.texts(turns, 40_000);
            System.out.println("warm-up round (not the figure of record):");
            round(platform, "warm", texts.subList(20_000, 40_000), writers, Math.min(seconds, 10));
            System.out.println("round of record:");
            round(platform, "record", texts.subList(0, 20_000), writers, seconds);
            System.out.printf("command: bench write-path ../shared/bench/locomo %d %d%n", writers, seconds);
        }
    }

    private static void round(Platform platform, String name, List<String> texts, int writers, int seconds) throws Exception {
        Client interactive = new Client(platform, name + "-interactive");
        CpuByThread cpuBefore = CpuByThread.snapshot();
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < deadline) {
                    String text = texts.get(next.getAndIncrement());
                    long sent = System.nanoTime();
                    interactive.post("/memories", Map.of("content", text));
                    latencies.add(System.nanoTime() - sent);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int accepted = latencies.size();
        double acceptSeconds = (System.nanoTime() - started) / 1e9;
        DSLContext ws = interactive.workspaceDsl(platform);
        while (ws.fetchCount(APPLIED_EVENTS) < accepted) {
            Thread.sleep(20);
        }
        double appliedSeconds = (System.nanoTime() - started) / 1e9;
        String interactiveCpu = CpuByThread.snapshot().since(cpuBefore, 12);
        double acceptedRate = accepted / acceptSeconds;
        double appliedRate = accepted / appliedSeconds;
        System.out.printf("(a) interactive, %d writers x %d s of single POST /memories: %,d accepted in %.1f s (%.1f/s), 202 %s;"
                + " all applied after %.1f s: %.1f memories/s end to end%n", writers, seconds, accepted, acceptSeconds, acceptedRate,
                LatencyBenchmark.percentiles(latencies.stream().mapToLong(Long::longValue).toArray()), appliedSeconds, appliedRate);
        System.out.println("    CPU: " + interactiveCpu);

        Client bulk = new Client(platform, name + "-bulk");
        cpuBefore = CpuByThread.snapshot();
        double bulkSeconds = bulk.ingest(texts.subList(0, accepted));
        double bulkRate = accepted / bulkSeconds;
        System.out.printf("(b) bulk, the same %,d texts through POST /ingest: all applied after %.1f s: %.1f items/s%n", accepted,
                bulkSeconds, bulkRate);
        System.out.println("    CPU: " + CpuByThread.snapshot().since(cpuBefore, 12));
        System.out.printf("interactive / bulk = %.2f (goal: at least 0.8)%n", appliedRate / bulkRate);
    }

    /** One workspace with a key, driven over HTTP as a client would. */
    private static final class Client {

        private final Workspace workspace;
        private final String base;
        private final String key;

        Client(Platform platform, String slug) {
            this.workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
            this.key = platform.gateway().getBean(ApiKeyIssuer.class)
                    .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
            this.base = platform.gatewayUrl() + "/v1/workspaces/" + slug;
        }

        DSLContext workspaceDsl(Platform platform) {
            return new WorkspaceDsl(platform.gateway().getBean(DSLContext.class)).in(workspace.schema());
        }

        /** One bulk run of these texts; seconds from the first request to the run's last item applied. */
        double ingest(List<String> texts) throws Exception {
            long started = System.nanoTime();
            String runId = null;
            for (int start = 0; start < texts.size(); start += PER_REQUEST) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (String text : texts.subList(start, Math.min(texts.size(), start + PER_REQUEST))) {
                    items.add(Map.of("content", text));
                }
                JsonNode accepted = post(runId == null ? "/ingest" : "/ingest/runs/" + runId + "/items",
                        Map.of("items", items, "source_name", "write-path bench"));
                runId = accepted.path("run_id").asString();
            }
            post("/ingest/runs/" + runId + "/close", Map.of());
            JsonNode run;
            // Polled as ./memorylayer ingest polls, every 500 ms.
            do {
                Thread.sleep(500);
                run = get("/ingest/runs/" + runId);
            } while (!run.path("finished_at").isString());
            return (System.nanoTime() - started) / 1e9;
        }

        JsonNode post(String path, Object body) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                        .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
                }
                return JSON.readTree(response.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private JsonNode get(String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", key).GET().build();
            return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
