package com.memorylayer.bench.latency;

import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the MCP layer costs over REST: the same recall as {@code POST /recall} and as an MCP {@code tools/call recall}
 * (a plain JSON-RPC POST, as any client sends it), interleaved one by one on one 10k workspace, both through the
 * gateway with the same key, so both see the same JIT state and the same background work.
 */
public final class McpHopBenchmark {

    private static final int PAIRS = 400;
    private static final int WARMUP = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private McpHopBenchmark() {
    }

    public static void run(List<String> texts, List<String> queries) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "mcp-hop-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")),
                Platform.NO_RATE_LIMIT)) {
            LatencyBenchmark.Target target = LatencyBenchmark.fill(platform, 10_000, texts);
            URI mcp = URI.create(platform.gatewayUrl() + "/v1/workspaces/" + target.slug() + "/mcp");
            for (int i = 0; i < WARMUP; i++) {
                LatencyBenchmark.recall(platform, target, queries.get(i % queries.size()));
                mcpRecall(mcp, target.key(), queries.get(i % queries.size()), i);
            }
            long[] rest = new long[PAIRS];
            long[] tool = new long[PAIRS];
            long[] difference = new long[PAIRS];
            for (int i = 0; i < PAIRS; i++) {
                String query = queries.get((WARMUP + i) % queries.size());
                int id = WARMUP + i;
                // Alternate which goes first, so neither always finds the caches the other just warmed.
                if (i % 2 == 0) {
                    rest[i] = GatewayHopBenchmark.time(() -> LatencyBenchmark.recall(platform, target, query));
                    tool[i] = GatewayHopBenchmark.time(() -> mcpRecall(mcp, target.key(), query, id));
                } else {
                    tool[i] = GatewayHopBenchmark.time(() -> mcpRecall(mcp, target.key(), query, id));
                    rest[i] = GatewayHopBenchmark.time(() -> LatencyBenchmark.recall(platform, target, query));
                }
                difference[i] = tool[i] - rest[i];
            }
            System.out.println("10,000 memories, concurrency 1, interleaved, both through the gateway:");
            System.out.println("  REST POST /recall:          " + LatencyBenchmark.percentiles(rest));
            System.out.println("  MCP tools/call recall:      " + LatencyBenchmark.percentiles(tool));
            long[] sorted = difference.clone();
            Arrays.sort(sorted);
            System.out.printf("  MCP layer (pairwise difference): median %.2f ms, p95 %.2f ms%n", sorted[PAIRS / 2] / 1e6,
                    sorted[(int) (PAIRS * 0.95)] / 1e6);
            System.out.println("command: bench mcp ../shared/bench/locomo");
        }
    }

    private static void mcpRecall(URI mcp, String key, String query, int id) throws Exception {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                "params", Map.of("name", "recall", "arguments", Map.of("query", query, "top_k", 10))));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || answer.body().contains("\"isError\":true")) {
            throw new IllegalStateException("MCP recall answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
