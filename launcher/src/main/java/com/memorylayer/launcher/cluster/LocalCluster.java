package com.memorylayer.launcher.cluster;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.embedded.KafkaClusterNode;
import com.memorylayer.gateway.admin.AdminCommand;
import com.memorylayer.launcher.BootstrapCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape on one machine, every member a process of its own ({@link ClusterPlan}): what
 * {@code ./memorylayer cluster up} runs, and what tests and fault drills drive — {@link #kill(String)} a member
 * (SIGKILL), {@link #start(String)} it again with the same command line, environment and ports, and
 * {@link #close()} all of them, the services first and the brokers and Postgres last.
 *
 * <p>Each {@code cluster up} starts a fresh cluster in its home directory ({@code .memorylayer-cluster/}): the data of
 * the last one is thrown away. {@code processes.json} there names every member's pid and is kept current by
 * whoever starts a member, so a member started again from another shell is stopped with the rest.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SERVICE_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration BROKER_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration POSTGRES_STOP_WAIT = Duration.ofSeconds(30);
    public static final String KAFKA_NODE_COMMAND = "cluster-kafka-node";
    public static final String DEFAULT_HOME = ".memorylayer-cluster";

    /**
     * @param root          the repository, whose modules' {@code target/} hold the services' executable jars
     * @param home          where the cluster keeps its data, logs, member specs and {@code processes.json}
     * @param durable       whether Postgres makes each commit durable (yes for {@code cluster up}; tests may not)
     * @param gatewayOverrides further MEMORYLAYER_* variables for the gateways (e.g. rate limits off for a drill)
     * @param readyTimeout  how long the whole start may take before it is given up
     */
    public record Options(Path root, Path home, boolean durable, Map<String, String> gatewayOverrides, Duration readyTimeout) {

        public static Options of(Path root) {
            return new Options(root, root.resolve(DEFAULT_HOME), true, Map.of(), Duration.ofMinutes(5));
        }

        public Options withHome(Path other) {
            return new Options(root, other, durable, gatewayOverrides, readyTimeout);
        }

        public Options withDurable(boolean other) {
            return new Options(root, home, other, gatewayOverrides, readyTimeout);
        }

        public Options withGatewayOverrides(Map<String, String> other) {
            return new Options(root, home, durable, other, readyTimeout);
        }
    }

    private final ClusterPlan plan;
    private final ProcessTable table;
    private final Map<String, MemberSpec> specs;
    private final ClusterReadiness readiness;
    private final Duration readyTimeout;
    private BootstrapCredentials credentials;
    private boolean closed;

    private LocalCluster(ClusterPlan plan, Map<String, MemberSpec> specs, Duration readyTimeout) {
        this.plan = plan;
        this.table = new ProcessTable(plan.home());
        this.specs = specs;
        this.readiness = new ClusterReadiness(plan);
        this.readyTimeout = readyTimeout;
    }

    /** Starts every member and returns once each answers as ready and a remember on gateway 1 is recalled on gateway 2. */
    public static LocalCluster start(Options options) {
        long started = System.nanoTime();
        Path home = options.home().toAbsolutePath();
        ClusterState.requireNoneRunning(home);
        ClusterState.reset(home);
        ClusterPlan plan = new ClusterPlan(options.root().toAbsolutePath(), home, pickPorts(), Uuid.randomUuid().toString(),
                secret(), secret(), options.durable(), options.gatewayOverrides());
        for (String module : List.of("gateway", "query-service", "ingest-worker", "audit-sink")) {
            if (!Files.isRegularFile(plan.serviceJar(module))) {
                throw new IllegalStateException("no executable jar " + plan.serviceJar(module) + ": build first (./mvnw -DskipTests package)");
            }
        }
        Path postgresBinary = initPostgres(plan);
        Map<String, MemberSpec> specs = new LinkedHashMap<>();
        for (MemberSpec spec : plan.members(javaCommand(), kafkaNodeCommand(), postgresBinary)) {
            spec.save(ClusterState.specFile(home, spec.name()));
            specs.put(spec.name(), spec);
        }
        ClusterState.save(plan);
        ClusterState.markLauncher(home);
        LocalCluster cluster = new LocalCluster(plan, specs, options.readyTimeout());
        try {
            cluster.startAll();
            log.info("the cluster is ready after {} ms", (System.nanoTime() - started) / 1_000_000);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        List<String> infrastructure = new ArrayList<>(ClusterPlan.kafkaNames());
        infrastructure.add(ClusterPlan.POSTGRES);
        infrastructure.forEach(this::launch);
        infrastructure.forEach(name -> awaitReady(name, deadline));
        // The first gateway migrates the control plane and creates the topics; the others start once it has.
        String first = ClusterPlan.gatewayNames().getFirst();
        launch(first);
        awaitCondition(first + " serving HTTP", () -> readiness.gatewayAlive(0), deadline);
        credentials = bootstrap();
        List<String> services = ClusterPlan.memberNames().stream().filter(n -> !infrastructure.contains(n) && !n.equals(first)).toList();
        services.forEach(this::launch);
        ClusterPlan.memberNames().forEach(name -> awaitReady(name, deadline));
        roundTrip(deadline);
    }

    /** The bootstrap workspace and its key, as {@code ./memorylayer up} prints them, made with the operator's admin command. */
    private BootstrapCredentials bootstrap() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(plan.jdbcUrl());
        dataSource.setUser("postgres");
        dataSource.setPassword(plan.databasePassword());
        AdminCommand admin = new AdminCommand(dataSource, plan.keyHashSecret());
        Map<String, String> workspace = admin(admin, List.of("create-workspace", "default", "--name", "Default workspace"));
        String slug = workspace.get("MEMORYLAYER_WORKSPACE");
        Map<String, String> key = admin(admin, List.of("create-key", slug, "--name", "bootstrap", "--scopes", "read,write,admin"));
        return new BootstrapCredentials(slug, key.get("MEMORYLAYER_API_KEY"));
    }

    private static Map<String, String> admin(AdminCommand admin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = admin.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("admin " + args + " failed: " + err.toString(StandardCharsets.UTF_8));
        }
        Map<String, String> printed = new LinkedHashMap<>();
        out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("="))
                .forEach(l -> printed.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return printed;
    }

    /** A memory remembered through gateway 1 and recalled through gateway 2: the whole write and read path works. */
    private void roundTrip(long deadline) {
        String content = "The cluster came up at " + java.time.Instant.now() + " (" + UUID.randomUUID() + ").";
        String lastAnswer = "";
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            String token = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (token == null) {
                        HttpResponse<String> remembered = post(http, plan.gatewayUrl(0) + "/v1/workspaces/" + credentials.slug()
                                + "/memories", Map.of("content", content));
                        lastAnswer = "remember " + remembered.statusCode() + ": " + remembered.body();
                        if (remembered.statusCode() == 202) {
                            token = JSON.readTree(remembered.body()).path("consistency_token").asString();
                        }
                    }
                    if (token != null) {
                        HttpResponse<String> recalled = post(http, plan.gatewayUrl(1) + "/v1/workspaces/" + credentials.slug()
                                + "/recall", Map.of("query", "when did the cluster come up", "limit", 5, "consistency_token", token));
                        lastAnswer = "recall " + recalled.statusCode() + ": " + recalled.body();
                        if (recalled.statusCode() == 200) {
                            for (JsonNode result : JSON.readTree(recalled.body()).path("results")) {
                                if (content.equals(result.path("content").asString())) {
                                    return;
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    lastAnswer = e.toString();
                }
                sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        throw new IllegalStateException("remember on gateway-1 and recall on gateway-2 did not round-trip in time; last answer: " + lastAnswer);
    }

    private HttpResponse<String> post(HttpClient http, String url, Map<String, Object> body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + credentials.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void launch(String name) {
        MemberSpec spec = specs.get(name);
        long pid = launch(plan.home(), spec);
        log.info("started {} (pid {}), its log {}", name, pid, spec.log());
    }

    private static long launch(Path home, MemberSpec spec) {
        if (spec.name().equals(ClusterPlan.POSTGRES)) {
            // A postmaster killed by SIGKILL leaves children holding its shared memory; a new one refuses to start beside them.
            EmbeddedPostgresServer.clearDeadServer(ClusterState.load(home).postgresData());
        }
        long pid = spec.launch().pid();
        new ProcessTable(home).put(spec.name(), pid);
        return pid;
    }

    private void awaitReady(String name, long deadline) {
        long started = System.nanoTime();
        awaitCondition(name + " ready", () -> {
            if (!running(name)) {
                throw new IllegalStateException(name + " exited while starting; see " + specs.get(name).log());
            }
            return readiness.ready(name);
        }, deadline);
        log.info("{} is ready ({} ms)", name, (System.nanoTime() - started) / 1_000_000);
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not within the start timeout");
            }
            sleep(250);
        }
    }

    /**
     * Starts a stopped member again with the command line, environment and ports it first ran with, and returns
     * once it answers as ready. @throws IllegalStateException if it is running
     */
    public void start(String name) {
        requireMember(name);
        if (running(name)) {
            throw new IllegalStateException(name + " is running (pid " + pid(name) + ")");
        }
        launch(name);
        awaitReady(name, System.nanoTime() + readyTimeout.toNanos());
    }

    /** Ends a member at once with SIGKILL, as a crash would, and returns once it is gone. */
    public void kill(String name) {
        requireMember(name);
        live(plan.home(), name).ifPresent(process -> {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(30));
        });
    }

    /** Stops a member cleanly (SIGTERM; Postgres a fast shutdown), killing it if it does not stop within 30 s. */
    public void stop(String name) {
        requireMember(name);
        stopAll(List.of(name), SERVICE_STOP_WAIT);
    }

    /** The pid the member runs under, or -1 when it is not running. */
    public long pid(String name) {
        return live(plan.home(), name).map(ProcessHandle::pid).orElse(-1L);
    }

    public boolean running(String name) {
        return live(plan.home(), name).isPresent();
    }

    /** Every member's name: kafka-1..3, postgres, gateway-1..2, query-1..2, ingest-1..2, audit-sink. */
    public List<String> members() {
        return ClusterPlan.memberNames();
    }

    /** The pids in {@code processes.json}, as last written. */
    public Map<String, Long> pids() {
        return table.read();
    }

    /** Gateway {@code index} (from 0): {@code MEMORYLAYER_URL} is gateway 0, {@code MEMORYLAYER_URL_2} gateway 1. */
    public String gatewayUrl(int index) {
        return plan.gatewayUrl(index);
    }

    public List<String> gatewayUrls() {
        return Stream.iterate(0, i -> i + 1).limit(ClusterPlan.GATEWAYS).map(plan::gatewayUrl).toList();
    }

    public String queryUrl(int index) {
        return plan.queryUrl(index);
    }

    public String bootstrapServers() {
        return plan.bootstrapServers();
    }

    public String jdbcUrl() {
        return plan.jdbcUrl();
    }

    public String workspace() {
        return credentials.slug();
    }

    public String apiKey() {
        return credentials.apiKey();
    }

    public ClusterPlan plan() {
        return plan;
    }

    /** The environment a member runs with (what {@code cluster start NAME} passes it). */
    public Map<String, String> environment(String name) {
        requireMember(name);
        return specs.get(name).environment();
    }

    public Path processesFile() {
        return table.file();
    }

    /** Stops every member: the services first, then the brokers, then Postgres. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopCluster(plan.home());
        readiness.close();
    }

    /** Stops every member a cluster in {@code home} runs, in order, whoever started it. */
    static void stopCluster(Path home) {
        List<String> services = ClusterPlan.memberNames().stream()
                .filter(n -> !n.startsWith("kafka-") && !n.equals(ClusterPlan.POSTGRES)).toList();
        stopAll(home, services, SERVICE_STOP_WAIT);
        stopAll(home, ClusterPlan.kafkaNames(), BROKER_STOP_WAIT);
        stopAll(home, List.of(ClusterPlan.POSTGRES), POSTGRES_STOP_WAIT);
        if (Files.exists(ClusterState.planFile(home))) {
            // Whatever a killed postmaster left behind.
            EmbeddedPostgresServer.clearDeadServer(ClusterState.load(home).postgresData());
        }
        new ProcessTable(home).clear();
        ClusterState.unmarkLauncher(home);
    }

    private void stopAll(List<String> names, Duration wait) {
        stopAll(plan.home(), names, wait);
    }

    private static void stopAll(Path home, List<String> names, Duration wait) {
        Map<String, ProcessHandle> stopping = new LinkedHashMap<>();
        for (String name : names) {
            live(home, name).ifPresent(process -> {
                if (name.equals(ClusterPlan.POSTGRES)) {
                    // SIGTERM would wait for every client to leave; SIGINT is Postgres' fast shutdown.
                    signal(process, "INT");
                } else {
                    process.destroy();
                }
                stopping.put(name, process);
            });
        }
        long deadline = System.nanoTime() + wait.toNanos();
        stopping.forEach((name, process) -> {
            if (!awaitExit(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                log.warn("{} (pid {}) did not stop within {}; killing it", name, process.pid(), wait);
                process.destroyForcibly();
                awaitExit(process, Duration.ofSeconds(10));
            }
        });
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal pid " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * The member's live process, from {@code processes.json}; a pid since reused by another program (its command line
     * does not name the member) is not the member.
     */
    static Optional<ProcessHandle> live(Path home, String name) {
        Long pid = new ProcessTable(home).read().get(name);
        if (pid == null) {
            return Optional.empty();
        }
        String marker = name.equals(ClusterPlan.POSTGRES) ? ClusterState.load(home).postgresData().toAbsolutePath().toString()
                : ClusterPlan.MEMBER_MARKER + name;
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(true));
    }

    /**
     * {@code ./memorylayer cluster start NAME}: starts a stopped member of the cluster in {@code home} again from its
     * saved spec and returns its pid once it answers as ready.
     */
    public static long startMember(Path home, String name, Duration readyTimeout) {
        Path absolute = home.toAbsolutePath();
        requireMember(name);
        if (!Files.exists(ClusterState.specFile(absolute, name))) {
            throw new IllegalStateException("no cluster in " + absolute + " (run ./memorylayer cluster up first)");
        }
        Optional<ProcessHandle> running = live(absolute, name);
        if (running.isPresent()) {
            throw new IllegalStateException(name + " is running (pid " + running.get().pid() + ")");
        }
        ClusterPlan plan = ClusterState.load(absolute);
        long pid = launch(absolute, MemberSpec.load(ClusterState.specFile(absolute, name)));
        try (ClusterReadiness readiness = new ClusterReadiness(plan)) {
            awaitCondition(name + " ready", () -> {
                if (live(absolute, name).isEmpty()) {
                    throw new IllegalStateException(name + " exited while starting; see " + plan.logs().resolve(name + ".log"));
                }
                return readiness.ready(name);
            }, System.nanoTime() + readyTimeout.toNanos());
        }
        return pid;
    }

    private static void requireMember(String name) {
        if (!ClusterPlan.memberNames().contains(name)) {
            throw new IllegalArgumentException("no member named '" + name + "'; the members are " + ClusterPlan.memberNames());
        }
    }

    /** Initialises the Postgres cluster with zonky (initdb, password authentication), and returns its server binary. */
    private static Path initPostgres(ClusterPlan plan) {
        EmbeddedPostgresServer.Durability durability = plan.durable() ? EmbeddedPostgresServer.Durability.DURABLE
                : EmbeddedPostgresServer.Durability.FAST;
        try (EmbeddedPostgresServer once = EmbeddedPostgresServer.start(plan.postgresData(), plan.ports().postgres(), durability,
                plan.databasePassword())) {
            return once.postgresExecutable()
                    .orElseThrow(() -> new IllegalStateException("cannot tell which postgres binary zonky started"));
        }
    }

    private static ClusterPlan.ClusterPorts pickPorts() {
        Set<Integer> taken = new HashSet<>();
        java.util.function.IntSupplier port = () -> {
            while (true) {
                int candidate = FreePort.pick();
                if (taken.add(candidate)) {
                    return candidate;
                }
            }
        };
        List<Integer> kafka = Stream.generate(port::getAsInt).limit(ClusterPlan.BROKERS).toList();
        List<Integer> controllers = Stream.generate(port::getAsInt).limit(ClusterPlan.BROKERS).toList();
        int postgres = port.getAsInt();
        List<Integer> gateways = Stream.generate(port::getAsInt).limit(ClusterPlan.GATEWAYS).toList();
        List<Integer> queries = Stream.generate(port::getAsInt).limit(ClusterPlan.QUERY_REPLICAS).toList();
        List<Integer> management = Stream.generate(port::getAsInt).limit(ClusterPlan.serviceNames().size()).toList();
        return new ClusterPlan.ClusterPorts(kafka, controllers, postgres, gateways, queries, management);
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * How a broker is run after the JVM options: from the executable jar this JVM runs with the hidden subcommand
     * (the launcher's, or the bench's: every main that starts a cluster must answer {@link #KAFKA_NODE_COMMAND}), or,
     * when this JVM runs from a class path (tests), from that class path and the node's own main class.
     */
    private static List<String> kafkaNodeCommand() {
        String classPath = System.getProperty("java.class.path");
        if (isExecutableJar(classPath)) {
            return List.of("-jar", Path.of(classPath).toAbsolutePath().toString(), KAFKA_NODE_COMMAND);
        }
        // A plain class path, or a manifest-only jar (Surefire's) whose Class-Path a -cp honours as well.
        return List.of("-cp", classPath, KafkaClusterNode.class.getName());
    }

    /** Whether the class path is one Spring Boot executable jar (its classes nested, so -cp would not find them). */
    private static boolean isExecutableJar(String classPath) {
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
