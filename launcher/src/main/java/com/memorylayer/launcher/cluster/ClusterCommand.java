package com.memorylayer.launcher.cluster;

import com.memorylayer.embedded.KafkaClusterNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./memorylayer cluster up}: the production shape on this machine, every member a process of its own
 * ({@link LocalCluster}). Prints {@code MEMORYLAYER_URL=} (gateway 1), {@code MEMORYLAYER_URL_2=} (gateway 2),
 * {@code MEMORYLAYER_WORKSPACE=}, {@code MEMORYLAYER_API_KEY=}, {@code MEMORYLAYER_METRICS=} (every service's
 * Prometheus URL, comma-separated), then {@code MEMORYLAYER_READY}, and runs until
 * SIGINT or SIGTERM, when it stops every member (the services first, the brokers and Postgres last).
 *
 * <p>{@code ./memorylayer cluster start NAME}, from another shell: starts one stopped member again, as it first
 * ran, and prints {@code MEMORYLAYER_STARTED=NAME pid=PID} once it is ready.
 */
public final class ClusterCommand {

    private static final Duration MEMBER_READY_TIMEOUT = Duration.ofMinutes(3);
    static final String USAGE = "usage: memorylayer cluster up | cluster start <" + String.join("|", ClusterPlan.memberNames()) + ">";

    private ClusterCommand() {
    }

    /** Runs {@code cluster ...}; returns the exit status, or never returns while {@code cluster up} runs. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path root = Path.of("").toAbsolutePath();
        if (args.size() == 1 && args.getFirst().equals("up")) {
            return up(LocalCluster.Options.of(root), out, err);
        }
        if (args.size() == 2 && args.getFirst().equals("start")) {
            try {
                long pid = LocalCluster.startMember(root.resolve(LocalCluster.DEFAULT_HOME), args.get(1), MEMBER_READY_TIMEOUT);
                out.println("MEMORYLAYER_STARTED=" + args.get(1) + " pid=" + pid);
                return 0;
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("memorylayer cluster: " + e.getMessage());
                return 1;
            }
        }
        err.println(USAGE);
        return 2;
    }

    private static int up(LocalCluster.Options options, PrintStream out, PrintStream err) {
        long started = System.nanoTime();
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(options);
        } catch (RuntimeException e) {
            err.println("memorylayer cluster: the cluster did not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            out.println("MEMORYLAYER_STOPPED");
            out.flush();
        }, "memorylayer-cluster-shutdown"));
        err.println("memorylayer cluster: ready after " + (System.nanoTime() - started) / 1_000_000 + " ms; members' logs in "
                + options.home().resolve("logs") + ", pids in " + cluster.processesFile());
        out.println("MEMORYLAYER_URL=" + cluster.gatewayUrl(0));
        out.println("MEMORYLAYER_URL_2=" + cluster.gatewayUrl(1));
        out.println("MEMORYLAYER_WORKSPACE=" + cluster.workspace());
        out.println("MEMORYLAYER_API_KEY=" + cluster.apiKey());
        out.println("MEMORYLAYER_METRICS=" + String.join(",", ClusterPlan.serviceNames().stream().map(cluster.plan()::metricsUrl).toList()));
        out.println("MEMORYLAYER_READY");
        out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The hidden {@code cluster-kafka-node} subcommand: one broker of the cluster, configured from the environment. */
    public static int kafkaNode() {
        try {
            KafkaClusterNode.main(new String[0]);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
