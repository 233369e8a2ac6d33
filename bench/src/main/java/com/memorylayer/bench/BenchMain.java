package com.memorylayer.bench;

import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.bench.locomo.LocomoBenchmark;
import com.memorylayer.bench.locomo.LocomoData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmarks, each printing its figures and the command that produced them. Not part of the product or the test
 * suite; see {@code docs/benchmarks.md}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "help" : args[0];
        switch (which) {
            case "locomo" -> LocomoBenchmark.run(Path.of(args.length > 1 ? args[1] : "../shared/bench/locomo"),
                    !(args.length > 2 && args[2].equals("no-dedupe")));
            case "lab" -> com.memorylayer.bench.locomo.RetrievalLab.run(Path.of(args.length > 1 ? args[1] : "../shared/bench/locomo"));
            case "embed" -> com.memorylayer.bench.embedding.EmbedderBenchmark.run(corpus(args).texts());
            case "latency" -> {
                if (args.length > 2) {
                    // latency DIR SIZE: one workspace size, no ingest figure (for A/B runs of two builds).
                    LatencyBenchmark.run(corpus(args).texts(), corpus(args).queries(), new int[] {Integer.parseInt(args[2])}, false);
                } else {
                    LatencyBenchmark.run(corpus(args).texts(), corpus(args).queries());
                }
            }
            case "ingest" -> LatencyBenchmark.runIngest(corpus(args).texts());
            case "ingest-run" -> com.memorylayer.bench.ingest.IngestRunBenchmark.run(corpus(args).texts(), corpus(args).queries(),
                    args.length > 2 ? Integer.parseInt(args[2]) : 20_000);
            case "write-path" -> com.memorylayer.bench.write.WritePathBenchmark.run(corpus(args).texts(),
                    args.length > 2 ? Integer.parseInt(args[2]) : 8, args.length > 3 ? Integer.parseInt(args[3]) : 30);
            case "curation" -> com.memorylayer.bench.curation.CurationBenchmark.run(corpus(args).texts());
            case "durability" -> com.memorylayer.bench.durability.DurabilityBenchmark.run(corpus(args).texts());
            case "hop" -> com.memorylayer.bench.latency.GatewayHopBenchmark.run(corpus(args).texts(), corpus(args).queries());
            case "mcp" -> com.memorylayer.bench.latency.McpHopBenchmark.run(corpus(args).texts(), corpus(args).queries());
            case "telemetry" -> com.memorylayer.bench.latency.TelemetryCostBenchmark.run(corpus(args).texts(), corpus(args).queries());
            case "ratelimit" -> com.memorylayer.bench.ratelimit.RateLimitBenchmark.run();
            case "cluster-drill" -> com.memorylayer.bench.cluster.ClusterDrillBenchmark.run();
            // The drill's brokers are started from the executable jar this JVM runs: this one, not the launcher's.
            case com.memorylayer.launcher.cluster.LocalCluster.KAFKA_NODE_COMMAND ->
                    System.exit(com.memorylayer.launcher.cluster.ClusterCommand.kafkaNode());
            case "graph" -> com.memorylayer.bench.graph.GraphBenchmark.run(corpus(args).texts(), corpus(args).queries(),
                    args.length > 2 && args[2].equals("speed"));
            case "tenant-flood" -> {
                if (args.length > 2 && args[2].equals("writes")) {
                    com.memorylayer.bench.tenant.TenantFloodBenchmark.runWrites(corpus(args).texts());
                } else {
                    com.memorylayer.bench.tenant.TenantFloodBenchmark.run(corpus(args).texts(), corpus(args).queries());
                }
            }
            case "sink" -> com.memorylayer.bench.sink.SinkBenchmark.run(args.length > 1 ? Integer.parseInt(args[1]) : 200_000);
            // scale [LOCOMO_DIR [SIZE...]]: sizes default to the probe alone, 10k and a million memories.
            case "scale" -> com.memorylayer.bench.scale.ScaleBenchmark.run(Path.of(args.length > 1 ? args[1] : "../shared/bench/locomo"),
                    args.length > 2 ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                            : new int[] {0, 10_000, 1_000_000});
            // tenants [LOCOMO_DIR [COUNT...]]: workspace counts at which provisioning and the footprint are measured.
            case "tenants" -> com.memorylayer.bench.tenants.TenantsBenchmark.run(Path.of(args.length > 1 ? args[1] : "../shared/bench/locomo"),
                    args.length > 2 ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                            : new int[] {1_000, 5_000, 10_000});
            default -> {
                System.err.println("usage: bench locomo [LOCOMO_DIR [no-dedupe]] | latency|lab|ingest|durability|curation|embed|hop|mcp|telemetry [LOCOMO_DIR] | ingest-run [LOCOMO_DIR [ITEMS]] | write-path [LOCOMO_DIR [WRITERS [SECONDS]]] | tenant-flood [LOCOMO_DIR [writes]] | graph [LOCOMO_DIR [speed]] | sink [EVENTS] | scale [LOCOMO_DIR [SIZE...]] | tenants [LOCOMO_DIR [COUNT...]] | ratelimit | cluster-drill");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** LoCoMo's turn texts (as memories) and questions (as queries), for the speed benchmarks. */
    private record Corpus(List<String> texts, List<String> queries) {
    }

    private static Corpus corpus(String[] args) throws java.io.IOException {
        LocomoData data = LocomoData.load(Path.of(args.length > 1 ? args[1] : "../shared/bench/locomo").resolve("locomo10.json"));
        List<String> texts = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        data.conversations().forEach(c -> {
            c.turns().forEach(t -> texts.add(t.text()));
            c.questions().forEach(q -> queries.add(q.question()));
        });
        return new Corpus(texts, queries);
    }
}
