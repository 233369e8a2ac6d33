package com.memorylayer.launcher;

import com.memorylayer.launcher.cluster.ClusterCommand;
import com.memorylayer.launcher.cluster.LocalCluster;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./memorylayer up}: the whole platform on embedded defaults. Prints the lines a user or a script needs —
 * {@code MEMORYLAYER_URL}, {@code MEMORYLAYER_WORKSPACE}, {@code MEMORYLAYER_API_KEY}, on a loopback-bound
 * gateway {@code MEMORYLAYER_DASHBOARD_URL} (a one-time sign-in link to the dashboard), then
 * {@code MEMORYLAYER_READY} — and runs until SIGINT or SIGTERM, when it stops everything in order.
 *
 * <p>{@code ./memorylayer replay-audit}, with the platform stopped: rebuilds the audit and usage tables from
 * offset 0 of their topics and prints {@code MEMORYLAYER_AUDIT_REPLAYED}.
 *
 * <p>{@code ./memorylayer cluster up | cluster start NAME}: the production shape as separate processes on this
 * machine ({@link ClusterCommand}).
 *
 * <p>{@code ./memorylayer admin create-workspace|create-key|revoke-key|add-member|rebuild-graph ...}: operator commands on the control
 * plane, no browser needed ({@code rebuild-graph} is the ingest worker's; {@link AdminLauncher} routes it).
 */
public final class MemorylayerLauncher {

    private MemorylayerLauncher() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        PlatformSettings settings;
        try {
            settings = PlatformSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("memorylayer: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (command) {
            case "up" -> up(settings);
            case "replay-audit" -> replayAudit(settings);
            case "admin" -> System.exit(AdminLauncher.run(settings, List.of(args).subList(1, args.length), System.out, System.err));
            case "cluster" -> System.exit(ClusterCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
            // Hidden: one broker of `cluster up`, run by it as a process of its own.
            case LocalCluster.KAFKA_NODE_COMMAND -> System.exit(ClusterCommand.kafkaNode());
            case "ingest", "import" -> System.exit(FileUpload.run(settings, command, List.of(args).subList(1, args.length),
                    System.out, System.err));
            default -> {
                System.err.println("usage: memorylayer up | cluster up | cluster start NAME | replay-audit | admin ... | ingest FILE ... | import EXPORT.jsonl ...");
                System.exit(2);
            }
        }
    }

    /** Rebuilds the audit and usage tables from the topics; the platform must be stopped. */
    private static void replayAudit(PlatformSettings settings) {
        try {
            Platform.AuditReplay replay = Platform.replayAudit(settings, Duration.ofHours(1));
            System.out.println("MEMORYLAYER_AUDIT_REPLAYED audit_events=" + replay.auditEvents()
                    + " usage_windows=" + replay.usageWindows());
        } catch (RuntimeException e) {
            System.err.println("memorylayer: the audit replay failed: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void up(PlatformSettings settings) {
        Platform platform;
        try {
            platform = Platform.start(settings);
        } catch (RuntimeException e) {
            System.err.println("memorylayer: the platform did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            System.out.println("MEMORYLAYER_STOPPED");
            System.out.flush();
        }, "memorylayer-shutdown"));
        System.out.println("MEMORYLAYER_URL=" + platform.gatewayUrl());
        System.out.println("MEMORYLAYER_WORKSPACE=" + platform.bootstrap().slug());
        System.out.println("MEMORYLAYER_API_KEY=" + platform.bootstrap().apiKey());
        platform.dashboardUrl().ifPresent(url -> System.out.println("MEMORYLAYER_DASHBOARD_URL=" + url));
        System.out.println("MEMORYLAYER_METRICS=" + String.join(",", platform.metricsUrls()));
        System.out.println("MEMORYLAYER_READY");
        System.out.flush();
        // Runs until SIGINT or SIGTERM (the hook above stops everything), or until Postgres is beyond saving: a
        // platform without its system of record only answers 503s, so it ends, visibly and with a non-zero status.
        String reason = platform.postgresGaveUp().join();
        System.err.println("memorylayer: " + reason);
        System.exit(1);
    }
}
