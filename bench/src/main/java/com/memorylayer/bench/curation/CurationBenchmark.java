package com.memorylayer.bench.curation;

import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What curation costs a caller: the accept latency of an edit (PATCH) and a forget (DELETE) beside a remember's,
 * interleaved one by one in the same run so the machine's drift falls on all three; and, at light load (one writer,
 * nothing else running), how long an edit and a forget take to become visible: from sending the write to a recall
 * with its consistency token answering, beside a remember's (embedded like an edit) as the baseline.
 */
public final class CurationBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int SEED = 300;
    private static final int ROUNDS = 300;
    private static final int VISIBLE = 100;

    private CurationBenchmark() {
    }

    public static void run(List<String> texts) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "curation-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")),
                Platform.NO_RATE_LIMIT)) {
            var workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug("curation"), "curation");
            String key = platform.gateway().getBean(ApiKeyIssuer.class)
                    .issue(workspace.id(), "bench", Set.of(Scope.READ, Scope.WRITE), null).token().value();
            String base = platform.gatewayUrl() + "/v1/workspaces/curation";
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < SEED + 2 * VISIBLE; i++) {
                ids.add(send("POST", base + "/memories?wait=true", key, Map.of("content", texts.get(i), "dedupe", false))
                        .get("id").asString());
            }

            long[] remember = new long[ROUNDS];
            long[] edit = new long[ROUNDS];
            long[] forget = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                int n = i;
                remember[i] = timed(() -> send("POST", base + "/memories", key, Map.of("content", texts.get(SEED * 3 + n % 1000))));
                String id = ids.get(i % SEED);
                edit[i] = timed(() -> send("PATCH", base + "/memories/" + id, key, Map.of("tags_add", List.of("round-" + n))));
                if (i < SEED) {
                    forget[i] = timed(() -> send("DELETE", base + "/memories/" + ids.get(n), key, null));
                }
            }
            System.out.println("accept latency, interleaved one by one (" + ROUNDS + " each):");
            System.out.println("  remember: " + LatencyBenchmark.percentiles(remember));
            System.out.println("  PATCH:    " + LatencyBenchmark.percentiles(edit));
            System.out.println("  DELETE:   " + LatencyBenchmark.percentiles(forget));

            // Light load: let the worker drain what the accept loop queued, then one write at a time.
            Thread.sleep(15_000);
            long[] editVisible = new long[VISIBLE];
            long[] forgetVisible = new long[VISIBLE];
            long[] rememberVisible = new long[VISIBLE];
            for (int i = 0; i < VISIBLE; i++) {
                String edited = ids.get(SEED + i);
                String forgotten = ids.get(SEED + VISIBLE + i);
                int n = i;
                editVisible[i] = timed(() -> recallWith(base, key, send("PATCH", base + "/memories/" + edited, key,
                        Map.of("content", "Edited for the visibility run, number " + n))));
                forgetVisible[i] = timed(() -> recallWith(base, key, send("DELETE", base + "/memories/" + forgotten, key, null)));
                rememberVisible[i] = timed(() -> recallWith(base, key, send("POST", base + "/memories", key,
                        Map.of("content", "Remembered for the visibility run, number " + n, "dedupe", false))));
            }
            System.out.println("write → visible at light load (sent until a recall with its token answers), " + VISIBLE + " each:");
            System.out.println("  edit (content, re-embedded): " + LatencyBenchmark.percentiles(editVisible));
            System.out.println("  forget:                      " + LatencyBenchmark.percentiles(forgetVisible));
            System.out.println("  remember (the baseline):     " + LatencyBenchmark.percentiles(rememberVisible));
            System.out.println("command: bench curation ../shared/bench/locomo");
        }
    }

    private static JsonNode recallWith(String base, String key, JsonNode accepted) throws Exception {
        return send("POST", base + "/recall", key, Map.of("query", "visibility run", "limit", 1,
                "consistency_token", accepted.get("consistency_token").asString()));
    }

    private interface Call {
        JsonNode call() throws Exception;
    }

    private static long timed(Call call) throws Exception {
        long started = System.nanoTime();
        call.call();
        return System.nanoTime() - started;
    }

    private static JsonNode send(String method, String url, String key, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", key);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
