package com.memorylayer.bench.cluster;

import com.memorylayer.launcher.cluster.LocalCluster;
import com.memorylayer.launcher.drill.FaultDrill;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fault drill at full scale on the production shape: {@code cluster up}'s eleven processes from the services'
 * executable jars (built first), then {@link FaultDrill#run()} with 15 s faults and 10 s pauses. Prints the table
 * {@code docs/benchmarks.md} keeps.
 */
public final class ClusterDrillBenchmark {

    private ClusterDrillBenchmark() {
    }

    public static void run() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "cluster-drill-");
        long started = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of(root).withHome(home).withDurable(true)
                // The drill measures faults, not the limiter: its clients call far past one key's 240 a minute.
                .withGatewayOverrides(java.util.Map.of("MEMORYLAYER_RATE_LIMIT_ENABLED", "false")))) {
            System.out.printf("cluster ready after %.0f s (durable Postgres)%n", (System.nanoTime() - started) / 1e9);
            FaultDrill.Settings settings = FaultDrill.Settings.full();
            FaultDrill.Report report = new FaultDrill(cluster, settings).run();
            System.out.println();
            System.out.println(report.table(settings.recallBound()));
        }
        System.out.println("command: java -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar cluster-drill (after ./mvnw -DskipTests install)");
    }
}
