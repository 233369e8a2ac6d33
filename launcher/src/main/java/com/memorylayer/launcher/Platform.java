package com.memorylayer.launcher;

import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;

import com.memorylayer.audit.AuditSinkApplication;
import com.memorylayer.audit.topology.AuditStreams;
import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.gateway.GatewayApplication;
import com.memorylayer.gateway.login.LoopbackBinding;
import com.memorylayer.gateway.operator.LocalOperatorLinks;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceDirectory;
import com.memorylayer.ingest.IngestWorkerApplication;
import com.memorylayer.ingest.consumer.CommandConsumerReadiness;
import com.memorylayer.launcher.ports.ListenPort;
import com.memorylayer.launcher.ports.PortCheck;
import com.memorylayer.launcher.postgres.PostgresSupervisor;
import com.memorylayer.query.QueryServiceApplication;
import com.memorylayer.schemas.db.Migrations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one JVM on embedded defaults: a real Postgres and a real KRaft broker, then the four
 * services, each in an application context of its own with its own settings file — the same services that run
 * as separate containers in production (see {@code docker-compose.yml}), wired by the same settings.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    /**
     * How long the services together may take to stop before the broker and Postgres are stopped without them. A
     * clean stop of all four takes 2-5 s here; Kafka listener containers give up on a consumer after 10 s.
     */
    private static final Duration SERVICES_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String STATIC_MEMBER = "memorylayer-dev";
    /** The Postgres cluster's directory within the data directory. */
    static final String POSTGRES_DIRECTORY = "postgres";

    /** For benchmarks that drive one key far past 240 calls a minute to measure recall, not the limiter. */
    /** Where each service's management port serves its Prometheus metrics. */
    public static final String PROMETHEUS_PATH = "/actuator/prometheus";

    public static final Map<String, String> NO_RATE_LIMIT = Map.of("memorylayer.rate-limit.enabled", "false");

    private final PlatformSettings settings;
    private final EmbeddedPostgresServer postgres;
    private final PostgresSupervisor postgresSupervisor;
    private final EmbeddedKafkaBroker kafka;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final int gatewayPort;
    private final int queryPort;
    private ConfigurableApplicationContext gateway;
    private ConfigurableApplicationContext queryService;
    private ConfigurableApplicationContext ingestWorker;
    private Map<String, String> ingestArgs;
    private Map<String, String> queryArgs;
    private ConfigurableApplicationContext auditSink;
    private BootstrapCredentials bootstrap;
    private String dashboardUrl;
    private final Map<String, String> gatewayOverrides;
    /** The first gateway's arguments, which {@link #startAnotherGateway()} starts more gateways with. */
    private Map<String, String> gatewayArgs;
    private final Map<String, String> queryOverrides;

    private Platform(PlatformSettings settings) {
        this(settings, Map.of(), Map.of());
    }

    private Platform(PlatformSettings settings, Map<String, String> gatewayOverrides, Map<String, String> queryOverrides) {
        this.settings = settings;
        this.gatewayOverrides = Map.copyOf(gatewayOverrides);
        this.queryOverrides = Map.copyOf(queryOverrides);
        Path data = DataDirectory.prepare(settings.dataDirectory());
        // This directory's own orphaned Postgres (a killed launcher's) is ended first: it is ours, not a stranger.
        EmbeddedPostgresServer.endOwnerless(data.resolve(POSTGRES_DIRECTORY));
        PortCheck.requireFree(ports(settings));
        this.postgres = EmbeddedPostgresServer.start(data.resolve(POSTGRES_DIRECTORY), settings.postgresPort(),
                settings.durability(), LocalSecret.postgresPassword(data));
        this.postgresSupervisor = PostgresSupervisor.watch(postgres, settings.postgresRestarts());
        try {
            this.kafka = EmbeddedKafkaBroker.start(data.resolve("kafka"), settings.kafkaPort());
        } catch (RuntimeException e) {
            postgresSupervisor.close();
            postgres.close();
            throw e;
        }
        this.gatewayPort = settings.gatewayPort() > 0 ? settings.gatewayPort() : FreePort.pick();
        this.queryPort = settings.queryPort() > 0 ? settings.queryPort() : FreePort.pick();
    }

    /** The ports the platform listens on, each with the variable that moves it. */
    private static List<ListenPort> ports(PlatformSettings settings) {
        InetAddress gatewayAddress;
        try {
            gatewayAddress = InetAddress.getByName(settings.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("MEMORYLAYER_BIND_ADDRESS is not an address of this machine: " + settings.bindAddress());
        }
        return List.of(
                ListenPort.loopback("Postgres", "MEMORYLAYER_POSTGRES_PORT", settings.postgresPort()),
                ListenPort.loopback("the Kafka broker", "MEMORYLAYER_KAFKA_PORT", settings.kafkaPort()),
                new ListenPort("the gateway", "MEMORYLAYER_PORT", gatewayAddress, settings.gatewayPort()),
                ListenPort.loopback("the query service", "MEMORYLAYER_QUERY_PORT", settings.queryPort()));
    }

    /** Starts everything and returns once every service accepts traffic. */
    public static Platform start(PlatformSettings settings) {
        return start(settings, Map.of());
    }

    /**
     * As {@link #start(PlatformSettings)}, with settings of the gateway's overridden: e.g. GitHub sign-in pointed at
     * a local OAuth2 server in tests, or rate limits off for a benchmark that measures something else.
     */
    public static Platform start(PlatformSettings settings, Map<String, String> gatewayOverrides) {
        return start(settings, gatewayOverrides, Map.of());
    }

    /**
     * As {@link #start(PlatformSettings, Map)}, with settings of the query service's overridden too: e.g. the bounds
     * of its workspace-read pool, small enough for a test to hold every slot.
     */
    public static Platform start(PlatformSettings settings, Map<String, String> gatewayOverrides, Map<String, String> queryOverrides) {
        Platform platform = new Platform(settings, gatewayOverrides, queryOverrides);
        try {
            platform.startServices();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** What a replay of the audit-sink rebuilt. */
    public record AuditReplay(int auditEvents, int usageWindows) {
    }

    /**
     * {@code ./memorylayer replay-audit}: with no other service running, resets the audit-sink and rebuilds the
     * audit and usage tables from offset 0 of their topics, then stops.
     */
    public static AuditReplay replayAudit(PlatformSettings settings, Duration timeout) {
        try (Platform platform = new Platform(settings)) {
            // The tables must be at the current migration even if no gateway has run since an upgrade.
            Migrations.migrateControlPlane(platform.postgres.dataSource());
            Map<String, String> args = platform.auditSinkArguments(platform.commonArguments());
            args.put("memorylayer.audit-sink.replay", "true");
            ConfigurableApplicationContext sink = platform.run(AuditSinkApplication.builder(), args);
            AuditStreams streams = sink.getBean(AuditStreams.class);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!streams.caughtUp()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the audit-sink did not finish replaying within " + timeout);
                }
                sleep(200);
            }
            DSLContext dsl = DSL.using(platform.postgres.dataSource(), SQLDialect.POSTGRES);
            return new AuditReplay(dsl.fetchCount(AUDIT_EVENTS),
                    dsl.fetchCount(USAGE_WORKSPACE_WINDOWS) + dsl.fetchCount(USAGE_KEY_WINDOWS));
        }
    }

    private Map<String, String> commonArguments() {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("spring.datasource.url", postgres.jdbcUrl());
        common.put("spring.datasource.username", postgres.user());
        common.put("spring.datasource.password", postgres.password());
        common.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        common.put("memorylayer.embedding.cache-directory", settings.modelDirectory().toAbsolutePath().toString());
        return common;
    }

    private Map<String, String> auditSinkArguments(Map<String, String> common) {
        Map<String, String> auditArgs = new LinkedHashMap<>(common);
        auditArgs.put("memorylayer.audit-sink.bootstrap-servers", kafka.bootstrapServers());
        auditArgs.put("memorylayer.audit-sink.state-directory",
                settings.dataDirectory().toAbsolutePath().resolve("kafka-streams").toString());
        return auditArgs;
    }

    private void startServices() {
        Path data = settings.dataDirectory().toAbsolutePath();
        Map<String, String> common = commonArguments();
        String secret = LocalSecret.keyHashSecret(data);

        gatewayArgs = new LinkedHashMap<>(common);
        gatewayArgs.put("server.port", Integer.toString(gatewayPort));
        gatewayArgs.put("server.address", settings.bindAddress());
        gatewayArgs.put("memorylayer.keys.hash-secret", secret);
        gatewayArgs.put("memorylayer.query.urls", "http://127.0.0.1:" + queryPort);
        gatewayArgs.putAll(gatewayOverrides);
        // The gateway migrates the control plane, so it goes first; the others then start side by side.
        gateway = run(GatewayApplication.builder(), gatewayArgs);
        bootstrap = BootstrapWorkspace.ensure(gateway, data);

        queryArgs = new LinkedHashMap<>(common);
        queryArgs.put("server.port", Integer.toString(queryPort));
        // The query service checks the consistency tokens the gateway signs, under the same secret.
        queryArgs.put("memorylayer.consistency.token-secret", secret);
        // Only the gateway is public; the query service's internal routes stay on loopback.
        queryArgs.put("server.address", "127.0.0.1");
        queryArgs.putAll(queryOverrides);
        // The bounds of workspace reads and of writes' waits are the query service's, where those reads and waits run:
        // a test that sets them among the gateway's settings sets them there.
        gatewayOverrides.forEach((key, value) -> {
            if (key.startsWith("memorylayer.workspace-reads.") || key.startsWith("memorylayer.command-waits.")) {
                queryArgs.put(key, value);
            }
        });
        Map<String, String> auditArgs = auditSinkArguments(common);

        // The dev platform is one instance of each consumer, so each may be a static group member: restarted after
        // a crash, it takes its partitions back at once instead of waiting out its dead predecessor's session.
        ingestArgs = new LinkedHashMap<>(common);
        ingestArgs.put("spring.kafka.consumer.properties[group.instance.id]", STATIC_MEMBER + "-ingest-worker");
        // Every service that touches workspace schemas must know the same Postgres servers: a test or an operator who
        // sets them among the gateway's settings sets them for all three.
        gatewayOverrides.forEach((key, value) -> {
            if (key.startsWith("memorylayer.postgres.")) {
                queryArgs.put(key, value);
                ingestArgs.put(key, value);
            }
        });
        if (!settings.scheduledCuration()) {
            ingestArgs.put("memorylayer.curation.consolidate-every", "0");
            ingestArgs.put("memorylayer.curation.purge-every", "0");
        }
        auditArgs.put("memorylayer.audit-sink.streams[group.instance.id]", STATIC_MEMBER + "-audit-sink");

        var query = startAsync("query-service", () -> run(QueryServiceApplication.builder(), queryArgs));
        var ingest = startAsync("ingest-worker", () -> run(IngestWorkerApplication.builder(), ingestArgs));
        var audit = startAsync("audit-sink", () -> run(AuditSinkApplication.builder(), auditArgs));
        queryService = join(query);
        ingestWorker = join(ingest);
        auditSink = join(audit);

        awaitReady("gateway", () -> httpOk(gatewayUrl() + "/healthz"));
        awaitReady("query-service", () -> httpOk("http://127.0.0.1:" + queryPort + "/healthz"));
        awaitReady("ingest-worker", () -> ingestWorker.getBean(CommandConsumerReadiness.class).isConsuming());
        awaitReady("audit-sink", () -> auditSink.getBean(AuditStreams.class).isConsuming());
        // Made last, so its minutes start when the platform is ready to be looked at.
        if (gateway.getBean(LoopbackBinding.class).isLoopback()) {
            dashboardUrl = newDashboardLink().orElse(null);
        }
    }

    private ConfigurableApplicationContext run(SpringApplicationBuilder builder, Map<String, String> properties) {
        // One JVM runs every service here, and more gateways and query replicas on demand, so none can keep its settings
        // file's fixed management port (9090-9093): each context's management server takes a free port (0), on
        // loopback, which managementUrl reads back. Set before the caller's, so a test may still choose one.
        Map<String, String> withManagement = new LinkedHashMap<>();
        withManagement.put("management.server.port", "0");
        withManagement.put("management.server.address", "127.0.0.1");
        withManagement.putAll(properties);
        // Command-line arguments outrank the services' own settings files, as they would in a container.
        String[] args = withManagement.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = builder.registerShutdownHook(false).run(args);
        synchronized (services) {
            services.add(context);
        }
        return context;
    }

    /**
     * The base URL of a running service context's management port, where {@code /actuator/health/liveness},
     * {@code /actuator/health/readiness} and {@code /actuator/prometheus} are served (never on its own port).
     */
    public static String managementUrl(ConfigurableApplicationContext service) {
        // Boot's management child context publishes the port it bound into its parent's environment.
        String port = service.getEnvironment().getProperty("local.management.port");
        if (port == null) {
            throw new IllegalStateException(service.getId() + " runs no management server");
        }
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts a service on a thread of its own whose context class loader is the launcher's: inside the executable
     * jar Spring finds its factories through that loader, and a pool thread would have the system loader instead.
     */
    private static CompletableFuture<ConfigurableApplicationContext> startAsync(String name,
            java.util.function.Supplier<ConfigurableApplicationContext> start) {
        CompletableFuture<ConfigurableApplicationContext> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(start.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "start-" + name);
        thread.setContextClassLoader(Platform.class.getClassLoader());
        thread.start();
        return result;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void awaitReady(String service, BooleanSupplier ready) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " did not become ready within " + READY_TIMEOUT);
            }
            sleep(100);
        }
        log.info("{} is ready", service);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean httpOk(String url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    public String queryServiceUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    public BootstrapCredentials bootstrap() {
        return bootstrap;
    }

    /**
     * The one-time dashboard link made at start for the local operator, who owns the bootstrap workspace; empty
     * when the gateway is reachable from other machines (bound to anything but loopback).
     */
    public Optional<String> dashboardUrl() {
        return Optional.ofNullable(dashboardUrl);
    }

    /**
     * Another one-time dashboard link for the local operator; empty once the bootstrap workspace's owners removed
     * the operator. @throws IllegalStateException unless the gateway listens on loopback only
     */
    public Optional<String> newDashboardLink() {
        Workspace workspace = gateway.getBean(WorkspaceDirectory.class).findBySlug(bootstrap.slug()).orElseThrow();
        return gateway.getBean(LocalOperatorLinks.class).issue(workspace).map(path -> gatewayUrl() + path);
    }

    public ConfigurableApplicationContext gateway() {
        return gateway;
    }

    /**
     * Starts one more gateway with the first one's settings on a port of its own, sharing Postgres, Kafka and the
     * query service, and returns its URL once it answers; it stops with the platform. For tests of what gateways
     * share (browser sessions, rate-limit buckets): no gateway holds state another lacks.
     */
    public String startAnotherGateway() {
        return startAnotherGateway(Map.of());
    }

    /** Another gateway with some settings of its own, e.g. a feature off for an A/B benchmark. */
    public String startAnotherGateway(Map<String, String> overrides) {
        Map<String, String> args = new LinkedHashMap<>(gatewayArgs);
        args.putAll(overrides);
        int port = FreePort.pick();
        args.put("server.port", Integer.toString(port));
        run(GatewayApplication.builder(), args);
        String url = "http://localhost:" + port;
        awaitReady("gateway on port " + port, () -> httpOk(url + "/healthz"));
        return url;
    }

    public ConfigurableApplicationContext queryService() {
        return queryService;
    }

    /**
     * Another query replica beside the platform's own, on {@code port}, with the same settings: for tests of the
     * gateway's routing among replicas. It stops with the platform, or earlier when its context is closed.
     */
    public ConfigurableApplicationContext startQueryReplica(int port) {
        return startQueryReplica(port, Map.of());
    }

    /** Another query replica with some settings of its own, e.g. a feature off for an A/B benchmark. */
    public ConfigurableApplicationContext startQueryReplica(int port, Map<String, String> overrides) {
        Map<String, String> args = new LinkedHashMap<>(queryArgs);
        args.putAll(overrides);
        args.put("server.port", Integer.toString(port));
        ConfigurableApplicationContext replica = join(startAsync("query-service-" + port, () -> run(QueryServiceApplication.builder(), args)));
        awaitReady("query-service-" + port, () -> httpOk("http://127.0.0.1:" + port + "/healthz"));
        return replica;
    }

    /**
     * Stops the ingest worker as a crash would leave things: its database pool is closed first, so nothing it is
     * still applying commits, then its context; what it had not committed is redelivered to the next worker (a
     * plain close would first let it finish the batch in hand). For fault drills and tests.
     */
    public void crashIngestWorker() {
        ConfigurableApplicationContext worker = ingestWorker;
        synchronized (services) {
            services.remove(worker);
        }
        if (worker.getBean(javax.sql.DataSource.class) instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                log.warn("closing the ingest worker's database pool: {}", e.toString());
            }
        }
        worker.close();
    }

    /** Starts a fresh ingest worker after {@link #crashIngestWorker()} and returns once it consumes. */
    public void startIngestWorker() {
        ingestWorker = join(startAsync("ingest-worker", () -> run(IngestWorkerApplication.builder(), ingestArgs)));
        awaitReady("ingest-worker", () -> ingestWorker.getBean(CommandConsumerReadiness.class).isConsuming());
    }

    /**
     * Each service's Prometheus endpoint, gateway, query service, ingest worker, audit-sink: what
     * {@code MEMORYLAYER_METRICS=} lists.
     */
    public List<String> metricsUrls() {
        return java.util.stream.Stream.of(gateway, queryService, ingestWorker, auditSink)
                .map(service -> managementUrl(service) + PROMETHEUS_PATH).toList();
    }

    public ConfigurableApplicationContext ingestWorker() {
        return ingestWorker;
    }

    public ConfigurableApplicationContext auditSink() {
        return auditSink;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /**
     * Completes, with the reason, once the embedded Postgres died more often than {@link PlatformSettings#postgresRestarts()}
     * allows and is no longer restarted; the platform is then broken for good, and {@code ./memorylayer up} exits.
     */
    public CompletableFuture<String> postgresGaveUp() {
        return postgresSupervisor.gaveUp();
    }

    /** Stops the services (last started first), then Kafka, then Postgres. */
    /**
     * Stops one service's context, waiting at most {@code wait}. A service that does not stop in time is left to the
     * JVM's exit, with its threads in the log: the broker and Postgres are stopped after it all the same, so Ctrl-C
     * always ends the platform and never leaves a Postgres running.
     */
    private static void stop(ConfigurableApplicationContext service, Duration wait) {
        Thread closer = Thread.ofPlatform().daemon().name("stop-" + service.getId()).start(() -> {
            try {
                service.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly", service.getId(), e);
            }
        });
        try {
            closer.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            StringBuilder threads = new StringBuilder();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                threads.append('\n').append('"').append(thread.getName()).append("\" ").append(thread.getState());
                for (StackTraceElement frame : stack) {
                    threads.append("\n\tat ").append(frame);
                }
            });
            log.warn("{} did not stop within {}; stopping the rest without it. Threads:{}", service.getId(), wait, threads);
        }
    }

    @Override
    public void close() {
        // First, or the supervisor would start the Postgres this stops again.
        postgresSupervisor.close();
        List<ConfigurableApplicationContext> running;
        synchronized (services) {
            running = new ArrayList<>(services);
            services.clear();
        }
        long deadline = System.nanoTime() + SERVICES_STOP_WAIT.toNanos();
        for (int i = running.size() - 1; i >= 0; i--) {
            stop(running.get(i), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        try {
            kafka.close();
        } catch (RuntimeException e) {
            log.warn("Kafka did not stop cleanly", e);
        }
        try {
            postgres.close();
        } catch (RuntimeException e) {
            log.warn("Postgres did not stop cleanly", e);
        }
    }
}
