package com.memorylayer.bench.latency;

import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the gateway hop costs, measured fairly: the same recalls sent through the gateway and straight to the
 * query service, interleaved one by one on one 10k workspace, so both paths see the same JIT state and the same
 * background work (the audit-sink materialising the gateway's events).
 */
public final class GatewayHopBenchmark {

    private static final int PAIRS = 400;
    private static final int WARMUP = 100;

    private GatewayHopBenchmark() {
    }

    public static void run(List<String> texts, List<String> queries) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "hop-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")), Platform.NO_RATE_LIMIT)) {
            LatencyBenchmark.Target target = LatencyBenchmark.fill(platform, 10_000, texts);
            if (Boolean.getBoolean("bench.stopAuditSink")) {
                // Experiment: how much of the latency is the audit pipeline's background work.
                platform.auditSink().close();
                System.out.println("(audit-sink stopped for this run)");
            }
            for (int i = 0; i < WARMUP; i++) {
                LatencyBenchmark.recall(platform, target, queries.get(i % queries.size()));
                LatencyBenchmark.recallDirect(platform, target, queries.get(i % queries.size()));
            }
            long[] gateway = new long[PAIRS];
            long[] direct = new long[PAIRS];
            long[] difference = new long[PAIRS];
            long[] took = new long[PAIRS];
            long[] embed = new long[PAIRS];
            com.memorylayer.retrieval.embedding.TextEmbedder embedder =
                    platform.queryService().getBean(com.memorylayer.retrieval.embedding.TextEmbedder.class);
            for (int i = 0; i < PAIRS; i++) {
                String query = queries.get((WARMUP + i) % queries.size());
                int pair = i;
                // Alternate which path goes first, so neither always finds the caches the other just warmed.
                boolean gatewayFirst = i % 2 == 0;
                if (gatewayFirst) {
                    gateway[i] = time(() -> LatencyBenchmark.recall(platform, target, query));
                    direct[i] = time(() -> took[pair] = LatencyBenchmark.recallDirect(platform, target, query).path("took_ms").asLong() * 1_000_000);
                } else {
                    direct[i] = time(() -> took[pair] = LatencyBenchmark.recallDirect(platform, target, query).path("took_ms").asLong() * 1_000_000);
                    gateway[i] = time(() -> LatencyBenchmark.recall(platform, target, query));
                }
                difference[i] = gateway[i] - direct[i];
                embed[i] = time(() -> embedder.embedQuery(query));
            }
            System.out.println("10,000 memories, concurrency 1, interleaved:");
            System.out.println("  through the gateway:  " + LatencyBenchmark.percentiles(gateway));
            System.out.println("  query service direct: " + LatencyBenchmark.percentiles(direct));
            System.out.println("  query service's own took_ms (direct): " + LatencyBenchmark.percentiles(took));
            System.out.println("  query embedding alone:  " + LatencyBenchmark.percentiles(embed));
            long[] sorted = difference.clone();
            Arrays.sort(sorted);
            System.out.printf("  gateway hop (pairwise difference): median %.1f ms, p95 %.1f ms%n",
                    sorted[PAIRS / 2] / 1e6, sorted[(int) (PAIRS * 0.95)] / 1e6);
        }
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
