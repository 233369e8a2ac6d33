package com.memorylayer.bench.graph;

import com.memorylayer.bench.ingest.IngestRunBenchmark;
import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the entity graph costs and how fast it reads. (1) Ingest throughput with extraction on and off: the whole
 * platform started four times, off, on, off, on, so the machine's drift falls on both; 2,000 LoCoMo turns each
 * after a 500-turn warm-up. (2) On a workspace of 10,000 memories with the graph on: entity search, one entity,
 * its depth-2 graph, and recall with and without the entity channel, all through the gateway.
 */
public final class GraphBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String GRAPH_SETTING = "memorylayer.graph.enabled";

    private GraphBenchmark() {
    }

    public static void run(List<String> turns, List<String> queries, boolean speedsOnly) throws Exception {
        double[][] rates = new double[2][2];
        for (int round = speedsOnly ? 3 : 0; round < 4; round++) {
            boolean on = round % 2 == 1;
            System.setProperty(GRAPH_SETTING, Boolean.toString(on));
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "graph-");
            try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")),
                    Platform.NO_RATE_LIMIT)) {
                new Client(platform, "warmup").ingest(turns.subList(0, 500));
                Client client = new Client(platform, "bulk");
                List<String> texts = turns.subList(500, 2_500);
                long started = System.nanoTime();
                client.ingest(texts);
                double rate = texts.size() / ((System.nanoTime() - started) / 1e9);
                rates[on ? 1 : 0][round / 2] = rate;
                System.out.printf("round %d, graph %s: %.1f memories/s end to end%n", round + 1, on ? "on " : "off", rate);
                if (round == 3) {
                    speeds(platform, turns, queries);
                }
            } finally {
                System.clearProperty(GRAPH_SETTING);
            }
        }
        if (speedsOnly) {
            System.out.println("command: bench graph ../shared/bench/locomo speed");
            return;
        }
        double off = (rates[0][0] + rates[0][1]) / 2;
        double on = (rates[1][0] + rates[1][1]) / 2;
        System.out.printf("ingest with extraction on / off: %.2f (%.1f vs %.1f memories/s, means of two rounds each)%n", on / off, on, off);
        System.out.println("command: bench graph ../shared/bench/locomo");
    }

    private static void speeds(Platform platform, List<String> turns, List<String> queries) throws Exception {
        Client client = new Client(platform, "graph10k");
        long started = System.nanoTime();
        client.ingest(IngestRunBenchmark.texts(turns, 10_000));
        System.out.printf("10,000 memories ingested with the graph on in %.0f s%n", (System.nanoTime() - started) / 1e9);
        JsonNode top = client.get("/entities?limit=100");
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        top.path("entities").forEach(e -> {
            ids.add(e.path("id").asString());
            names.add(e.path("name").asString());
        });
        JsonNode status = client.get("/entities?limit=1");
        System.out.println("entities in the workspace (the top 100 by mentions are queried); most mentioned: "
                + status.path("entities").get(0).path("name").asString() + " ("
                + status.path("entities").get(0).path("mention_count").asInt() + " memories)");
        for (int warm = 0; warm < 100; warm++) {
            client.get("/entities/" + ids.get(warm % ids.size()) + "/graph?depth=2");
        }
        long[] search = new long[300];
        long[] entity = new long[300];
        long[] graph = new long[300];
        int[] nodes = new int[300];
        for (int i = 0; i < 300; i++) {
            String name = names.get(i % names.size());
            String q = name.length() > 4 && i % 2 == 0 ? name.substring(0, 4) : name;
            long t = System.nanoTime();
            client.get("/entities?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            search[i] = System.nanoTime() - t;
            t = System.nanoTime();
            client.get("/entities/" + ids.get(i % ids.size()));
            entity[i] = System.nanoTime() - t;
            t = System.nanoTime();
            nodes[i] = client.get("/entities/" + ids.get(i % ids.size()) + "/graph?depth=2").path("nodes").size();
            graph[i] = System.nanoTime() - t;
        }
        long[] plain = new long[200];
        long[] withEntity = new long[200];
        long[] context = new long[200];
        for (int i = 0; i < 600; i++) {
            String query = queries.get(i / 3 % queries.size());
            int kind = i % 3;
            Map<String, Object> body = kind == 0 ? Map.of("query", query, "limit", 10)
                    : kind == 1 ? Map.of("query", query, "limit", 10, "channels", List.of("dense", "lexical", "context", "entity"))
                    : Map.of("query", query, "limit", 10, "max_tokens", 1000);
            long t = System.nanoTime();
            client.post(kind == 2 ? "/recall/context" : "/recall", body);
            (kind == 0 ? plain : kind == 1 ? withEntity : context)[i / 3] = System.nanoTime() - t;
        }
        System.out.println("10,000 memories, through the gateway, one client:");
        System.out.println("  GET /entities?q= (a name or its first 4 letters): " + LatencyBenchmark.percentiles(search));
        System.out.println("  GET /entities/{id}:                              " + LatencyBenchmark.percentiles(entity));
        System.out.println("  GET /entities/{id}/graph?depth=2:                " + LatencyBenchmark.percentiles(graph)
                + "; nodes per answer: median " + median(nodes));
        System.out.println("  recall, default channels:                        " + LatencyBenchmark.percentiles(plain));
        System.out.println("  recall, with the entity channel:                 " + LatencyBenchmark.percentiles(withEntity));
        System.out.println("  recall/context, 1,000 tokens of o200k_base:      " + LatencyBenchmark.percentiles(context));
        System.out.printf("  recall p95 with / without the entity channel: %.2f; recall/context / recall p95: %.2f%n",
                p95(withEntity) / p95(plain), p95(context) / p95(plain));
    }

    private static int median(int[] values) {
        int[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double p95(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }

    /** One workspace with a key, driven over HTTP as a client would. */
    private static final class Client {

        private final String base;
        private final String key;

        Client(Platform platform, String slug) {
            Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
            this.key = platform.gateway().getBean(ApiKeyIssuer.class)
                    .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
            this.base = platform.gatewayUrl() + "/v1/workspaces/" + slug;
        }

        /** 1,000 items a request, in sessions of 20; returns once every item is applied. */
        void ingest(List<String> texts) throws Exception {
            String runId = null;
            for (int start = 0; start < texts.size(); start += 1_000) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = start; i < Math.min(texts.size(), start + 1_000); i++) {
                    items.add(Map.of("content", texts.get(i), "session_id", "s" + (i / 20)));
                }
                runId = post(runId == null ? "/ingest" : "/ingest/runs/" + runId + "/items", Map.of("items", items))
                        .path("run_id").asString();
            }
            post("/ingest/runs/" + runId + "/close", Map.of());
            while (!get("/ingest/runs/" + runId).path("finished_at").isString()) {
                Thread.sleep(250);
            }
        }

        JsonNode get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        JsonNode post(String path, Object body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        }

        private JsonNode send(HttpRequest.Builder request) throws Exception {
            HttpResponse<String> answer = HTTP.send(request.header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 300) {
                throw new IllegalStateException(answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        }
    }
}
