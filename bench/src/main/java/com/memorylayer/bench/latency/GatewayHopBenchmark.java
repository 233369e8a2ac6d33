package com.memorylayer.bench.latency;

import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the gateway hop costs, measured fairly: the same recalls sent through the gateway, through a second gateway
 * of the same platform that reads every key from Postgres ({@code memorylayer.keys.cache.enabled=false}, the
 * behaviour before key rows were kept) and straight to the query service, interleaved one by one on one 10k
 * workspace (rotating which goes first), so all three paths see the same JIT state and the same background work
 * (the audit-sink materialising the gateways' events).
 */
public final class GatewayHopBenchmark {

    private static final int ROUNDS = 400;
    private static final int WARMUP = 100;

    private GatewayHopBenchmark() {
    }

    public static void run(List<String> texts, List<String> queries) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "hop-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")), Platform.NO_RATE_LIMIT)) {
            LatencyBenchmark.Target target = LatencyBenchmark.fill(platform, 10_000, texts);
            String uncached = platform.startAnotherGateway(Map.of("memorylayer.keys.cache.enabled", "false"));
            if (Boolean.getBoolean("bench.stopAuditSink")) {
                // Experiment: how much of the latency is the audit pipeline's background work.
                platform.auditSink().close();
                System.out.println("(audit-sink stopped for this run)");
            }
            List<Route> paths = List.of(
                    new Route("through the gateway (key rows kept)", query -> LatencyBenchmark.recallAt(platform.gatewayUrl(), target, query)),
                    new Route("through a gateway reading every key", query -> LatencyBenchmark.recallAt(uncached, target, query)),
                    new Route("query service direct", query -> LatencyBenchmark.recallDirect(platform, target, query)));
            for (int i = 0; i < WARMUP; i++) {
                for (Route path : paths) {
                    path.call().recall(queries.get(i % queries.size()));
                }
            }
            long[][] took = new long[paths.size()][ROUNDS];
            long[] embed = new long[ROUNDS];
            TextEmbedder embedder = platform.queryService().getBean(TextEmbedder.class);
            for (int i = 0; i < ROUNDS; i++) {
                String query = queries.get((WARMUP + i) % queries.size());
                // Rotate which path goes first, so none always finds the caches another just warmed.
                for (int k = 0; k < paths.size(); k++) {
                    int p = (i + k) % paths.size();
                    took[p][i] = time(() -> paths.get(p).call().recall(query));
                }
                embed[i] = time(() -> embedder.embedQuery(query));
            }
            long[] direct = took[2];
            System.out.println("10,000 memories, concurrency 1, interleaved:");
            for (int p = 0; p < paths.size(); p++) {
                System.out.printf("  %-40s %s%n", paths.get(p).name() + ":", LatencyBenchmark.percentiles(took[p]));
            }
            System.out.println("  query embedding alone:                   " + LatencyBenchmark.percentiles(embed));
            for (int p = 0; p < 2; p++) {
                long[] difference = new long[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    difference[i] = took[p][i] - direct[i];
                }
                Arrays.sort(difference);
                System.out.printf("  hop, %s (pairwise difference from direct): median %.1f ms, p95 %.1f ms%n",
                        paths.get(p).name(), difference[ROUNDS / 2] / 1e6, difference[(int) (ROUNDS * 0.95)] / 1e6);
            }
        }
        System.out.println("command: java -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar hop ../shared/bench/locomo");
    }

    /** One way to the same recall. */
    private record Route(String name, Recall call) {
    }

    @FunctionalInterface
    private interface Recall {
        void recall(String query) throws Exception;
    }

    /** A timed call. */
    interface Call {
        void run() throws Exception;
    }

    /** How long the call took, in nanoseconds. */
    static long time(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }
}
