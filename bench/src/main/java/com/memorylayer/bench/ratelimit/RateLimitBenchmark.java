package com.memorylayer.bench.ratelimit;

import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.gateway.GatewayApplication;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the Postgres-backed rate limiter adds to an API call: two gateways on one Postgres and one broker, one
 * with the limiter and one without, answering the same cheap call ({@code GET /v1/workspaces/{slug}}: key
 * lookup plus a memory count) interleaved one by one, so both see the same machine state.
 */
public final class RateLimitBenchmark {

    private static final int PAIRS = 2000;
    private static final int WARMUP = 300;

    private RateLimitBenchmark() {
    }

    public static void run() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "ratelimit-");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary();
             EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), FreePort.pick())) {
            Gateway limited = start(postgres, kafka, true);
            Gateway unlimited = start(postgres, kafka, false);
            Workspace workspace = limited.context.getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug("bench-limits"), "bench");
            String key = limited.context.getBean(ApiKeyIssuer.class).issue(workspace.id(), "bench", Set.of(Scope.READ), null)
                    .token().value();
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < WARMUP; i++) {
                call(http, limited, key);
                call(http, unlimited, key);
            }
            long[] on = new long[PAIRS];
            long[] off = new long[PAIRS];
            long[] difference = new long[PAIRS];
            for (int i = 0; i < PAIRS; i++) {
                if (i % 2 == 0) {
                    on[i] = call(http, limited, key);
                    off[i] = call(http, unlimited, key);
                } else {
                    off[i] = call(http, unlimited, key);
                    on[i] = call(http, limited, key);
                }
                difference[i] = on[i] - off[i];
            }
            System.out.println("GET /v1/workspaces/{slug}, concurrency 1, " + PAIRS + " interleaved pairs:");
            System.out.println("  with the rate limiter:    " + LatencyBenchmark.percentiles(on));
            System.out.println("  without the rate limiter: " + LatencyBenchmark.percentiles(off));
            long[] sorted = difference.clone();
            Arrays.sort(sorted);
            long[] onSorted = on.clone();
            long[] offSorted = off.clone();
            Arrays.sort(onSorted);
            Arrays.sort(offSorted);
            System.out.printf("  limiter cost (pairwise difference): median %.2f ms, p95 %.2f ms; p50 ratio on/off %.2f%n",
                    sorted[PAIRS / 2] / 1e6, sorted[(int) (PAIRS * 0.95)] / 1e6,
                    (double) onSorted[PAIRS / 2] / offSorted[PAIRS / 2]);
            limited.context.close();
            unlimited.context.close();
        }
    }

    private record Gateway(ConfigurableApplicationContext context, String url) {
    }

    private static Gateway start(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka, boolean limiter) {
        int port = FreePort.pick();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        // Two gateways at once (limiter on and off): each its own management port.
        properties.put("management.server.port", "0");
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.user());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("memorylayer.keys.hash-secret", "bench-secret-bench-secret-bench-secret");
        properties.put("memorylayer.rate-limit.enabled", Boolean.toString(limiter));
        // High enough never to refuse: this measures the bookkeeping, not refusals.
        properties.put("memorylayer.rate-limit.api-per-minute", "1000000000");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new Gateway(GatewayApplication.builder().registerShutdownHook(false).run(args), "http://127.0.0.1:" + port);
    }

    private static long call(HttpClient http, Gateway gateway, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces/bench-limits"))
                .header("X-API-Key", key).build();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("answered " + answer.statusCode() + ": " + answer.body());
        }
        return took;
    }
}
