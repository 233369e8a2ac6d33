package com.memorylayer.bench.latency;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.bench.cpu.CpuByThread;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.WorkspaceDsl;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recall latency on workspaces of 1k, 10k and 100k memories at concurrency 1 and 8, through HTTP, gateway and
 * query service, beside the query-embedding time alone in the same run; the heap a warm 100k workspace holds;
 * and ingest throughput end to end (accepted → recallable) beside the embedder's raw batched throughput.
 *
 * <p>Large workspaces are filled straight into Postgres with real conversation texts (LoCoMo turns, numbered to
 * keep them distinct) and random unit vectors: exact dense search costs the same whatever the vectors mean, and
 * embedding 100k texts here would take a quarter of an hour. The ingest figure uses the real pipeline.
 */
public final class LatencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int RECALLS = 400;

    private LatencyBenchmark() {
    }

    public static void run(List<String> texts, List<String> queries) throws Exception {
        run(texts, queries, new int[] {1_000, 10_000, 100_000}, true);
    }

    /** @param sizes the workspace sizes to measure; {@code withIngest} adds the ingest figure at the end */
    public static void run(List<String> texts, List<String> queries, int[] sizes, boolean withIngest) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "latency-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")), Platform.NO_RATE_LIMIT)) {
            TextEmbedder embedder = platform.queryService().getBean(TextEmbedder.class);
            long[] embedNanos = new long[RECALLS];
            for (int i = 0; i < RECALLS; i++) {
                long t = System.nanoTime();
                embedder.embedQuery(queries.get(i % queries.size()));
                embedNanos[i] = System.nanoTime() - t;
            }
            System.out.println("query embedding alone (" + embedder.modelName() + ", the query service's): " + percentiles(embedNanos));
            compareQueryModels(queries);
            for (int size : sizes) {
                Target target = fill(platform, size, texts);
                long heapBefore = usedHeapAfterGc();
                long warmStart = System.nanoTime();
                recall(platform, target, queries.get(0));
                long warmMs = (System.nanoTime() - warmStart) / 1_000_000;
                long heapAfter = usedHeapAfterGc();
                System.out.printf("%,d memories: first recall (runtime built from Postgres) %d ms; heap held by the warm"
                        + " runtime ≈ %.0f MB%n", size, warmMs, (heapAfter - heapBefore) / 1e6);
                for (int concurrency : new int[] {1, 8}) {
                    System.out.printf("%,d memories, concurrency %d: recall %s%n", size, concurrency,
                            percentiles(measure(platform, target, queries, concurrency, false)));
                }
                // The same recalls sent straight to the query service's internal route: what the gateway hop costs.
                System.out.printf("%,d memories, concurrency 1, query service direct (no gateway): %s%n", size,
                        percentiles(measure(platform, target, queries, 1, true)));
                platform.queryService().getBean(WorkspaceRuntimeCache.class).close();
            }
            if (withIngest) {
                // The raw baseline is the ingest worker's own embedder (every core), not the query service's (one thread).
                ingest(platform, texts, platform.ingestWorker().getBean(TextEmbedder.class), "ingest-bench");
            }
        }
    }

    /** Both builds of bge-small on one thread, as the query service runs them, one query each in turn. */
    private static void compareQueryModels(List<String> queries) {
        Path cache = Path.of("bench", "target", "model-cache");
        try (BgeSmallEmbedder fp32 = BgeSmallEmbedder.load(BgeModel.FP32, cache, 1);
                BgeSmallEmbedder int8 = BgeSmallEmbedder.load(BgeModel.INT8, cache, 1)) {
            long[] fp32Nanos = new long[RECALLS];
            long[] int8Nanos = new long[RECALLS];
            for (int i = 0; i < 50; i++) {
                fp32.embedQuery(queries.get(i));
                int8.embedQuery(queries.get(i));
            }
            for (int i = 0; i < RECALLS; i++) {
                String query = queries.get(i % queries.size());
                boolean fp32First = i % 2 == 0;
                for (BgeSmallEmbedder e : fp32First ? List.of(fp32, int8) : List.of(int8, fp32)) {
                    long t = System.nanoTime();
                    e.embedQuery(query);
                    (e == fp32 ? fp32Nanos : int8Nanos)[i] = System.nanoTime() - t;
                }
            }
            System.out.println("query embedding alone, one thread, interleaved: fp32 " + percentiles(fp32Nanos) + "; int8 "
                    + percentiles(int8Nanos));
        }
    }

    record Target(String slug, String key, java.util.UUID workspaceId) {
    }

    static Target fill(Platform platform, int size, List<String> texts) {
        String slug = "latency-" + size;
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        String key = platform.gateway().getBean(ApiKeyIssuer.class)
                .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
        DSLContext dsl = new WorkspaceDsl(platform.gateway().getBean(DSLContext.class)).in(workspace.schema());
        Random random = new Random(size);
        OffsetDateTime now = OffsetDateTime.now();
        List<Query> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            float[] vector = new float[384];
            double norm = 0;
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
                norm += vector[d] * vector[d];
            }
            for (int d = 0; d < vector.length; d++) {
                vector[d] /= (float) Math.sqrt(norm);
            }
            batch.add(dsl.insertInto(MEMORIES).set(MEMORIES.ID, java.util.UUID.randomUUID())
                    .set(MEMORIES.CONTENT, texts.get(i % texts.size()) + " (#" + i + ")").set(MEMORIES.KIND, "note")
                    .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "bench")
                    .set(MEMORIES.CONTENT_HASH, new byte[] {0}).set(MEMORIES.EMBEDDING, VectorCodec.encode(vector))
                    .set(MEMORIES.EMBEDDING_MODEL, "random").set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now));
            if (batch.size() == 1000) {
                dsl.batch(batch).execute();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            dsl.batch(batch).execute();
        }
        return new Target(slug, key, workspace.id());
    }

    private static long[] measure(Platform platform, Target target, List<String> queries, int concurrency, boolean direct)
            throws Exception {
        long[] nanos = new long[RECALLS];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < RECALLS; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                long t = System.nanoTime();
                if (direct) {
                    recallDirect(platform, target, queries.get(n % queries.size()));
                } else {
                    recall(platform, target, queries.get(n % queries.size()));
                }
                nanos[n] = System.nanoTime() - t;
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return nanos;
    }

    static JsonNode recall(Platform platform, Target target, String query) throws Exception {
        return post(URI.create(platform.gatewayUrl() + "/v1/workspaces/" + target.slug() + "/recall"), target.key(), query);
    }

    /** The same recall through the gateway at {@code gatewayUrl}. */
    static JsonNode recallAt(String gatewayUrl, Target target, String query) throws Exception {
        return post(URI.create(gatewayUrl + "/v1/workspaces/" + target.slug() + "/recall"), target.key(), query);
    }

    /** The same recall sent straight to the query service's internal route, which takes no key. */
    static JsonNode recallDirect(Platform platform, Target target, String query) throws Exception {
        return post(URI.create(platform.queryServiceUrl() + "/internal/v1/workspaces/" + target.workspaceId() + "/recall"),
                null, query);
    }

    private static JsonNode post(URI uri, String key, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "limit", 10))));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("recall at " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The ingest figure alone, with where the CPU went while it ran. */
    public static void runIngest(List<String> texts) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "ingest-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")), Platform.NO_RATE_LIMIT)) {
            // A first pass warms the JIT on the write path, which the figure of record (the second) should not pay for.
            System.out.println("warm-up pass (not the figure of record):");
            ingest(platform, texts.subList(2_000, 4_000), platform.ingestWorker().getBean(TextEmbedder.class), "ingest-warmup");
            ingest(platform, texts, platform.ingestWorker().getBean(TextEmbedder.class), "ingest-bench");
        }
    }

    /** Ingests up to 2,000 of {@code texts} through the API from eight writers; prints and returns memories/s end to end. */
    public static double ingest(Platform platform, List<String> texts, TextEmbedder embedder, String slug) throws Exception {
        int count = Math.min(2_000, texts.size());
        List<String> sample = texts.subList(0, count);
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        String key = platform.gateway().getBean(ApiKeyIssuer.class)
                .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CpuByThread cpuBefore = CpuByThread.snapshot();
        long started = System.nanoTime();
        List<Future<String>> tokens = new ArrayList<>();
        for (String text : sample) {
            tokens.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/workspaces/" + slug + "/memories"))
                        .header("Content-Type", "application/json").header("X-API-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", text)))).build();
                return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("consistency_token").asString();
            }));
        }
        List<String> all = new ArrayList<>();
        for (Future<String> token : tokens) {
            all.add(token.get());
        }
        double acceptedSeconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        DSLContext control = platform.gateway().getBean(DSLContext.class);
        DSLContext ws = new WorkspaceDsl(control).in(workspace.schema());
        // Applied, not stored: dedupe on write may merge a repeated turn into another instead of storing it.
        while (ws.fetchCount(APPLIED_EVENTS) < count) {
            Thread.sleep(20);
        }
        double endToEnd = (System.nanoTime() - started) / 1e9;
        String cpu = CpuByThread.snapshot().since(cpuBefore, 15);
        CpuByThread rawCpuBefore = CpuByThread.snapshot();
        long rawStart = System.nanoTime();
        for (int i = 0; i < count; i += 64) {
            embedder.embed(sample.subList(i, Math.min(count, i + 64)));
        }
        double raw = (System.nanoTime() - rawStart) / 1e9;
        System.out.printf("ingest of %,d memories: accepted in %.1f s (%.0f/s); all stored and recallable after %.1f s (%.0f/s)"
                + "; the embedder alone, batches of 64: %.1f s (%.0f/s); end-to-end / raw = %.2f%n",
                count, acceptedSeconds, count / acceptedSeconds, endToEnd, count / endToEnd, raw, count / raw, raw / endToEnd);
        System.out.println("while ingesting end to end (" + String.format("%.1f", endToEnd) + " s wall): " + cpu);
        System.out.println("while the embedder ran alone: " + CpuByThread.snapshot().since(rawCpuBefore, 5));
        return count / endToEnd;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (n=%d)", at(sorted, 0.50), at(sorted, 0.95),
                at(sorted, 0.99), sorted.length);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
