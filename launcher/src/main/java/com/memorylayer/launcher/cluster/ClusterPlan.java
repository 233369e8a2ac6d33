package com.memorylayer.launcher.cluster;

import com.memorylayer.launcher.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@code ./memorylayer cluster up} runs, each member a process of its own: three KRaft brokers, one Postgres,
 * two gateways, two query replicas, two ingest workers and one audit-sink, with the heap each gets and the
 * environment (its only settings) each is started with. {@code docker-compose.yml} has the same shape and the same
 * variables; {@code ClusterComposeAgreementTest} holds the two together.
 *
 * <p>Heaps, measured on a 2-core, 24 GiB machine (launcher/README.md has the resident sizes): the whole cluster
 * stays under 8 GiB of heap, leaving most of the machine to the page cache and to whatever runs beside it.
 */
public record ClusterPlan(Path root, Path home, ClusterPorts ports, String clusterId, String databasePassword,
        String keyHashSecret, boolean durable, Map<String, String> serviceOverrides) {

    /** Brokers, each a combined broker and controller; the quorum needs two of them. */
    public static final int BROKERS = 3;
    /** Every topic's replicas, and how many must hold a write before {@code acks=all} acknowledges it. */
    public static final int REPLICATION_FACTOR = 3;
    public static final int MIN_INSYNC_REPLICAS = 2;
    public static final int GATEWAYS = 2;
    public static final int QUERY_REPLICAS = 2;
    public static final int INGEST_WORKERS = 2;

    public static final String KAFKA_HEAP = "512m";
    public static final String GATEWAY_HEAP = "512m";
    /** The int8 query model, up to 16 warm workspace runtimes (their vectors and BM25 indexes) and the recalls in flight. */
    public static final String QUERY_HEAP = "1g";
    /** The fp32 model and a 64-memory embedding batch. */
    public static final String INGEST_HEAP = "768m";
    public static final String AUDIT_SINK_HEAP = "384m";

    public static final String POSTGRES = "postgres";
    public static final String AUDIT_SINK = "audit-sink";
    /** The audit-sink's Kafka Streams application id, which is its consumer group. */
    public static final String AUDIT_SINK_GROUP = "memorylayer-audit-sink";
    static final String MEMBER_MARKER = "-Dmemorylayer.member=";
    private static final String VERSION = "0.1.0-SNAPSHOT";

    /**
     * The ports of every listening member, fixed for the cluster's life so that a restarted member is found again.
     * {@code management}: each service's management port (health probes, Prometheus), in {@link #serviceNames()}
     * order; every service runs on this one machine, so none can keep its settings file's default (9090-9093).
     */
    public record ClusterPorts(List<Integer> kafka, List<Integer> controllers, int postgres, List<Integer> gateways,
            List<Integer> queries, List<Integer> management) {
    }

    public ClusterPlan {
        serviceOverrides = Map.copyOf(serviceOverrides);
    }

    public static List<String> kafkaNames() {
        return numbered("kafka", BROKERS);
    }

    public static List<String> gatewayNames() {
        return numbered("gateway", GATEWAYS);
    }

    public static List<String> queryNames() {
        return numbered("query", QUERY_REPLICAS);
    }

    public static List<String> ingestNames() {
        return numbered("ingest", INGEST_WORKERS);
    }

    /** The services' names (every member but the brokers and Postgres), in start order. */
    public static List<String> serviceNames() {
        List<String> names = new ArrayList<>(gatewayNames());
        names.addAll(queryNames());
        names.addAll(ingestNames());
        names.add(AUDIT_SINK);
        return names;
    }

    /** Every member's name, in start order: brokers, Postgres, then the services. */
    public static List<String> memberNames() {
        List<String> names = new ArrayList<>(kafkaNames());
        names.add(POSTGRES);
        names.addAll(serviceNames());
        return names;
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    public String bootstrapServers() {
        return ports.kafka().stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + ports.postgres() + "/postgres";
    }

    public String gatewayUrl(int index) {
        return "http://127.0.0.1:" + ports.gateways().get(index);
    }

    public String queryUrl(int index) {
        return "http://127.0.0.1:" + ports.queries().get(index);
    }

    /** A service's management port, where its health probes and Prometheus metrics are served. */
    public int managementPort(String service) {
        int index = serviceNames().indexOf(service);
        if (index < 0 || index >= ports.management().size()) {
            throw new IllegalArgumentException("no management port planned for " + service);
        }
        return ports.management().get(index);
    }

    /** A service's management base URL ({@code /actuator/health/readiness}, {@code /actuator/prometheus}). */
    public String managementUrl(String service) {
        return "http://127.0.0.1:" + managementPort(service);
    }

    /** A service's Prometheus endpoint: what {@code cluster up}'s {@code MEMORYLAYER_METRICS=} lists. */
    public String metricsUrl(String service) {
        return managementUrl(service) + Platform.PROMETHEUS_PATH;
    }

    public Path logs() {
        return home.resolve("logs");
    }

    Path data(String member) {
        return home.resolve("data").resolve(member);
    }

    /** A broker's settings; {@code node} counts from 1. */
    public Map<String, String> kafkaEnvironment(int node) {
        String voters = IntStream.rangeClosed(1, BROKERS)
                .mapToObj(i -> i + "@localhost:" + ports.controllers().get(i - 1)).collect(Collectors.joining(","));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MEMORYLAYER_KAFKA_NODE_ID", Integer.toString(node));
        env.put("MEMORYLAYER_KAFKA_PORT", Integer.toString(ports.kafka().get(node - 1)));
        env.put("MEMORYLAYER_KAFKA_CONTROLLER_PORT", Integer.toString(ports.controllers().get(node - 1)));
        env.put("MEMORYLAYER_KAFKA_VOTERS", voters);
        env.put("MEMORYLAYER_KAFKA_CLUSTER_ID", clusterId);
        env.put("MEMORYLAYER_KAFKA_LOG_DIR", data("kafka-" + node).toAbsolutePath().toString());
        env.put("MEMORYLAYER_KAFKA_REPLICATION_FACTOR", Integer.toString(REPLICATION_FACTOR));
        env.put("MEMORYLAYER_KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(MIN_INSYNC_REPLICAS));
        return env;
    }

    /** What every service shares: the database, the brokers, the topic settings; its own data directory. */
    private Map<String, String> commonEnvironment(String member) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MEMORYLAYER_DB_URL", jdbcUrl());
        env.put("MEMORYLAYER_DB_USER", "postgres");
        env.put("MEMORYLAYER_DB_PASSWORD", databasePassword);
        env.put("MEMORYLAYER_KAFKA_BOOTSTRAP", bootstrapServers());
        env.put("MEMORYLAYER_KAFKA_REPLICATION_FACTOR", Integer.toString(REPLICATION_FACTOR));
        env.put("MEMORYLAYER_KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(MIN_INSYNC_REPLICAS));
        // Each member unpacks its models (and keeps its Streams state) in a directory of its own: two JVMs unpacking
        // into one directory at once would race.
        env.put("MEMORYLAYER_DATA_DIR", data(member).toAbsolutePath().toString());
        env.put("MEMORYLAYER_MANAGEMENT_PORT", Integer.toString(managementPort(member)));
        return env;
    }

    /** A gateway's settings; {@code index} counts from 0. */
    public Map<String, String> gatewayEnvironment(int index) {
        Map<String, String> env = commonEnvironment(gatewayNames().get(index));
        env.put("MEMORYLAYER_PORT", Integer.toString(ports.gateways().get(index)));
        env.put("MEMORYLAYER_BIND_ADDRESS", "127.0.0.1");
        env.put("MEMORYLAYER_KEY_HASH_SECRET", keyHashSecret);
        // Every replica, for the gateway's routing of each workspace's reads.
        env.put("MEMORYLAYER_QUERY_URLS", IntStream.range(0, QUERY_REPLICAS).mapToObj(this::queryUrl).collect(Collectors.joining(",")));
        env.putAll(serviceOverrides);
        return env;
    }

    public Map<String, String> queryEnvironment(int index) {
        Map<String, String> env = commonEnvironment(queryNames().get(index));
        env.put("MEMORYLAYER_QUERY_PORT", Integer.toString(ports.queries().get(index)));
        env.put("MEMORYLAYER_QUERY_BIND_ADDRESS", "127.0.0.1");
        // Checks the consistency tokens the gateways sign, under the same secret.
        env.put("MEMORYLAYER_KEY_HASH_SECRET", keyHashSecret);
        return env;
    }

    public Map<String, String> ingestEnvironment(int index) {
        Map<String, String> env = commonEnvironment(ingestNames().get(index));
        env.put("MEMORYLAYER_KAFKA_CLIENT_ID", ingestNames().get(index));
        return env;
    }

    public Map<String, String> auditSinkEnvironment() {
        return commonEnvironment(AUDIT_SINK);
    }

    /** The service's executable jar, as {@code infra/Dockerfile} copies it into the image. */
    public Path serviceJar(String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
    }

    /**
     * Every member's start spec. {@code java} is the JVM to run; {@code kafkaNode} how to run one broker after the JVM
     * options (the launcher's jar and its hidden subcommand, or a class path and the node's main class);
     * {@code postgres} the server binary zonky unpacked.
     */
    public List<MemberSpec> members(String java, List<String> kafkaNode, Path postgres) {
        List<MemberSpec> members = new ArrayList<>();
        for (int node = 1; node <= BROKERS; node++) {
            String name = "kafka-" + node;
            List<String> command = jvm(java, name, KAFKA_HEAP);
            command.addAll(kafkaNode);
            members.add(spec(name, command, kafkaEnvironment(node)));
        }
        members.add(spec(POSTGRES, postgresCommand(postgres), Map.of()));
        for (int i = 0; i < GATEWAYS; i++) {
            members.add(service(java, gatewayNames().get(i), "gateway", GATEWAY_HEAP, gatewayEnvironment(i)));
        }
        for (int i = 0; i < QUERY_REPLICAS; i++) {
            members.add(service(java, queryNames().get(i), "query-service", QUERY_HEAP, queryEnvironment(i)));
        }
        for (int i = 0; i < INGEST_WORKERS; i++) {
            members.add(service(java, ingestNames().get(i), "ingest-worker", INGEST_HEAP, ingestEnvironment(i)));
        }
        members.add(service(java, AUDIT_SINK, "audit-sink", AUDIT_SINK_HEAP, auditSinkEnvironment()));
        return members;
    }

    Path postgresData() {
        return data(POSTGRES);
    }

    private List<String> postgresCommand(Path postgres) {
        List<String> command = new ArrayList<>();
        if (runsAsRoot()) {
            // Postgres refuses to run as root. As zonky does, it is run in a user namespace of its own, where it is
            // not root; unshare execs it, so it keeps the pid it was started with.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.toAbsolutePath().toString(),
                "-D", postgresData().toAbsolutePath().toString(), "-p", Integer.toString(ports.postgres()),
                "-c", "listen_addresses=localhost",
                // Seven services' pools (10 + 10 + 10 + 10 + 4 + 4 + 4, plus the gateways' workspace-read pools)
                // with room for the admin command and a restart's overlap.
                "-c", "max_connections=300",
                // TCP only: a socket path under a deep working directory passes the 107-byte limit.
                "-c", "unix_socket_directories=",
                "-c", "timezone=UTC"));
        if (!durable) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off"));
        }
        return withOwnSession(command);
    }

    private static boolean runsAsRoot() {
        return ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    }

    private MemberSpec service(String java, String name, String module, String heap, Map<String, String> env) {
        List<String> command = jvm(java, name, heap);
        command.addAll(List.of("-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED",
                "--add-modules=jdk.incubator.vector", "-jar", serviceJar(module).toAbsolutePath().toString()));
        return spec(name, command, env);
    }

    private static List<String> jvm(String java, String name, String heap) {
        // The serial collector: ten JVMs share two cores, and a parallel collector's threads would fight over them.
        return withOwnSession(new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", MEMBER_MARKER + name)));
    }

    /**
     * Each member runs in a session of its own: Ctrl-C in the terminal of {@code cluster up} reaches only the launcher,
     * which then stops the services first and the brokers and Postgres last, instead of every process at once.
     * {@code setsid} execs the command, so the member keeps the pid it was started with.
     */
    private static List<String> withOwnSession(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        wrapped.add("setsid");
        wrapped.addAll(command);
        return wrapped;
    }

    private MemberSpec spec(String name, List<String> command, Map<String, String> env) {
        return new MemberSpec(name, command, env, logs().resolve(name + ".log").toAbsolutePath());
    }
}
