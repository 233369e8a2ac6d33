package com.memorylayer.bench.durability;

import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.embedded.EmbeddedPostgresServer.Durability;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What durable commits cost the dev platform: the same ingest on a platform whose Postgres fsyncs every commit
 * ({@code ./memorylayer up}) and on one that does not (the tests), alternated over rounds so that drift on a
 * noisy machine falls on both. Two figures: bulk ingest from eight writers (the worker commits a batch of up to 64
 * at once), and one writer that waits for each memory to be applied before the next (one commit per memory, where
 * an fsync costs most).
 */
public final class DurabilityBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int ROUNDS = 2;
    private static final int TRICKLE = 150;

    private DurabilityBenchmark() {
    }

    public static void run(List<String> texts) throws Exception {
        Map<Durability, List<Double>> bulk = new EnumMap<>(Durability.class);
        Map<Durability, List<Double>> trickle = new EnumMap<>(Durability.class);
        for (int round = 1; round <= ROUNDS; round++) {
            for (Durability durability : new Durability[] {Durability.FAST, Durability.DURABLE}) {
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "durability-");
                PlatformSettings settings = PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache"))
                        .withDurability(durability);
                try (Platform platform = Platform.start(settings, Platform.NO_RATE_LIMIT)) {
                    System.out.println("round " + round + ", Postgres " + durability + ":");
                    TextEmbedder embedder = platform.ingestWorker().getBean(TextEmbedder.class);
                    LatencyBenchmark.ingest(platform, texts.subList(2_000, 4_000), embedder, "warmup");
                    bulk.computeIfAbsent(durability, d -> new ArrayList<>())
                            .add(LatencyBenchmark.ingest(platform, texts, embedder, "bulk"));
                    double perMemory = trickle(platform, texts.subList(4_000, 4_000 + TRICKLE));
                    trickle.computeIfAbsent(durability, d -> new ArrayList<>()).add(perMemory);
                    System.out.printf("one writer, each memory applied before the next: %.1f ms per memory%n", perMemory);
                }
            }
        }
        System.out.println();
        System.out.println("bulk ingest, memories/s end to end: fast " + bulk.get(Durability.FAST)
                + ", durable " + bulk.get(Durability.DURABLE));
        System.out.printf("durable / fast, bulk: %.2f%n", mean(bulk.get(Durability.DURABLE)) / mean(bulk.get(Durability.FAST)));
        System.out.println("one writer, ms per memory write→applied: fast " + trickle.get(Durability.FAST)
                + ", durable " + trickle.get(Durability.DURABLE));
        System.out.printf("durable / fast, one writer (time per memory): %.2f%n",
                mean(trickle.get(Durability.DURABLE)) / mean(trickle.get(Durability.FAST)));
        System.out.println("command: bench durability ../shared/bench/locomo");
    }

    /** Mean milliseconds from a remember to its recall seeing it, one memory at a time. */
    private static double trickle(Platform platform, List<String> texts) throws Exception {
        var workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug("trickle"), "trickle");
        String key = platform.gateway().getBean(ApiKeyIssuer.class)
                .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
        String base = platform.gatewayUrl() + "/v1/workspaces/trickle";
        long started = System.nanoTime();
        for (String text : texts) {
            JsonNode accepted = post(base + "/memories", key, Map.of("content", text));
            JsonNode recalled = post(base + "/recall", key, Map.of("query", text, "limit", 1,
                    "consistency_token", accepted.get("consistency_token").asString()));
            if (!recalled.has("results")) {
                throw new IllegalStateException("recall failed: " + recalled);
            }
        }
        return (System.nanoTime() - started) / 1e6 / texts.size();
    }

    private static JsonNode post(String url, String key, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
