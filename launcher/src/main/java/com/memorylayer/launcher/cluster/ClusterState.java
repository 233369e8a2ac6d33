package com.memorylayer.launcher.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What a cluster's home directory holds besides its members' data and logs: {@code cluster.properties} (ports,
 * cluster id, secrets: what {@code cluster start NAME} in another shell needs to check a member's readiness; owner
 * only), {@code members/NAME.properties} (each member's start spec), and {@code launcher.pid} (the
 * {@code cluster up} that runs it).
 */
final class ClusterState {

    private static final String PLAN = "cluster.properties";
    private static final String LAUNCHER = "launcher.pid";

    private ClusterState() {
    }

    static Path planFile(Path home) {
        return home.resolve(PLAN);
    }

    static Path specFile(Path home, String member) {
        return home.resolve("members").resolve(member + ".properties");
    }

    /**
     * Refuses to start over a cluster whose launcher still runs; members a dead launcher left running (it was
     * killed) are stopped first, in order.
     */
    static void requireNoneRunning(Path home) {
        Optional<ProcessHandle> launcher = launcher(home);
        if (launcher.isPresent()) {
            throw new IllegalStateException("a cluster already runs in " + home + " (cluster up pid " + launcher.get().pid()
                    + "); stop it with Ctrl-C or SIGTERM first");
        }
        if (Files.exists(planFile(home))) {
            LocalCluster.stopCluster(home);
        }
    }

    /** A fresh cluster: the last one's data, logs and specs go. */
    static void reset(Path home) {
        for (String part : List.of("data", "logs", "members", PLAN, "processes.json")) {
            LocalCluster.deleteTree(home.resolve(part));
        }
        try {
            Files.createDirectories(home.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home, e);
        }
    }

    static void markLauncher(Path home) {
        write(home.resolve(LAUNCHER), Long.toString(ProcessHandle.current().pid()));
    }

    static void unmarkLauncher(Path home) {
        try {
            Path file = home.resolve(LAUNCHER);
            if (Files.exists(file) && Files.readString(file).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home.resolve(LAUNCHER), e);
        }
    }

    private static Optional<ProcessHandle> launcher(Path home) {
        Path file = home.resolve(LAUNCHER);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> pid != ProcessHandle.current().pid());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void save(ClusterPlan plan) {
        Properties p = new Properties();
        p.setProperty("root", plan.root().toString());
        p.setProperty("kafka", join(plan.ports().kafka()));
        p.setProperty("controllers", join(plan.ports().controllers()));
        p.setProperty("postgres", Integer.toString(plan.ports().postgres()));
        p.setProperty("gateways", join(plan.ports().gateways()));
        p.setProperty("queries", join(plan.ports().queries()));
        p.setProperty("management", join(plan.ports().management()));
        p.setProperty("cluster_id", plan.clusterId());
        p.setProperty("database_password", plan.databasePassword());
        p.setProperty("key_hash_secret", plan.keyHashSecret());
        p.setProperty("durable", Boolean.toString(plan.durable()));
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            p.store(out, "The local cluster's ports and secrets (owner only)");
            write(planFile(plan.home()), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + planFile(plan.home()), e);
        }
    }

    static ClusterPlan load(Path home) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(planFile(home), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + planFile(home), e);
        }
        ClusterPlan.ClusterPorts ports = new ClusterPlan.ClusterPorts(ints(p.getProperty("kafka")), ints(p.getProperty("controllers")),
                Integer.parseInt(p.getProperty("postgres")), ints(p.getProperty("gateways")), ints(p.getProperty("queries")),
                // A cluster made before management ports were planned has none; its members' saved specs have none either.
                p.getProperty("management") == null ? List.of() : ints(p.getProperty("management")));
        return new ClusterPlan(Path.of(p.getProperty("root")), home, ports, p.getProperty("cluster_id"),
                p.getProperty("database_password"), p.getProperty("key_hash_secret"), Boolean.parseBoolean(p.getProperty("durable")),
                Map.of());
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Integer> ints(String joined) {
        return Arrays.stream(joined.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
