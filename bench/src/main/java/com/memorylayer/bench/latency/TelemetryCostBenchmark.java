package com.memorylayer.bench.latency;

import com.memorylayer.embedded.FreePort;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What metrics and tracing cost a recall: the same recalls through two gateway-and-query-service pairs of one
 * platform, interleaved one by one on one 10k workspace (rotating which goes first). The platform's own pair runs as
 * shipped — every meter, every span recorded (sampling 1.0), the trace context carried to the query service; the
 * other pair has its meters denied ({@code management.metrics.enable.all=false}, so each is a no-op) and records no
 * span (sampling 0: trace ids are still made and passed on, which is the floor). No span is exported by either: the
 * exporter is off by default, and exporting is the collector's cost, not the request's.
 */
public final class TelemetryCostBenchmark {

    private static final int ROUNDS = 600;
    private static final int WARMUP = 150;

    private TelemetryCostBenchmark() {
    }

    public static void run(List<String> texts, List<String> queries) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "telemetry-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")), Platform.NO_RATE_LIMIT)) {
            LatencyBenchmark.Target target = LatencyBenchmark.fill(platform, 10_000, texts);
            Map<String, String> off = Map.of("management.metrics.enable.all", "false", "management.tracing.sampling.probability", "0");
            int queryPort = FreePort.pick();
            platform.startQueryReplica(queryPort, off);
            Map<String, String> gatewayOff = new LinkedHashMap<>(off);
            gatewayOff.put("memorylayer.query.urls", "http://127.0.0.1:" + queryPort);
            String quiet = platform.startAnotherGateway(gatewayOff);
            List<String> names = List.of("metrics and tracing on (as shipped)", "metrics denied, no span recorded");
            List<String> gateways = List.of(platform.gatewayUrl(), quiet);
            for (int i = 0; i < WARMUP; i++) {
                for (String gateway : gateways) {
                    LatencyBenchmark.recallAt(gateway, target, queries.get(i % queries.size()));
                }
            }
            long[][] took = new long[2][ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                String query = queries.get((WARMUP + i) % queries.size());
                for (int k = 0; k < 2; k++) {
                    int p = (i + k) % 2;
                    took[p][i] = GatewayHopBenchmark.time(() -> LatencyBenchmark.recallAt(gateways.get(p), target, query));
                }
            }
            System.out.println("10,000 memories, concurrency 1, interleaved, " + ROUNDS + " recalls each:");
            for (int p = 0; p < 2; p++) {
                System.out.printf("  %-40s %s%n", names.get(p) + ":", LatencyBenchmark.percentiles(took[p]));
            }
            long[] on = took[0].clone();
            long[] without = took[1].clone();
            Arrays.sort(on);
            Arrays.sort(without);
            System.out.printf("  on / off: p50 %.3f, p95 %.3f%n", (double) on[ROUNDS / 2] / without[ROUNDS / 2],
                    (double) on[(int) (ROUNDS * 0.95)] / without[(int) (ROUNDS * 0.95)]);
            long[] difference = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                difference[i] = took[0][i] - took[1][i];
            }
            Arrays.sort(difference);
            System.out.printf("  pairwise difference (on - off): median %.2f ms%n", difference[ROUNDS / 2] / 1e6);
        }
        System.out.println("command: java -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar telemetry ../shared/bench/locomo");
    }
}
