package com.memorylayer.bench.tenants;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.bench.locomo.LocomoData;
import com.memorylayer.bench.locomo.LocomoData.Question;
import com.memorylayer.bench.scale.HaystackLoader;
import com.memorylayer.bench.scale.ScaleBenchmark;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.reads.RendezvousHash;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.db.WorkspaceSchemaUpgrade;
import com.memorylayer.schemas.db.WorkspaceSchemaUpgrade.Summary;
import com.memorylayer.schemas.db.WorkspaceSchemaUpgrade.Target;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Very many small workspaces on one Postgres: how long a workspace takes to provision as their number grows, what
 * the catalog and the server's memory grow to, how long one new migration takes over every schema, and recall
 * latency under a Zipf-distributed read pattern over all of them with the shipped warm-runtime cap and larger ones.
 *
 * <p>The workspaces between checkpoints are made by {@link FastWorkspaceFiller} (bench-only, see there what it
 * bypasses); the ~40 timed at each checkpoint go through the real {@link WorkspaceProvisioner#create}. Every
 * workspace holds {@value #MEMORIES} memories from {@link HaystackLoader}, made from the embeddings of LoCoMo's
 * held-out conversation 5.
 */
public final class TenantsBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int MEMORIES = 100;
    private static final int TIMED_CREATES = Integer.getInteger("tenants.creates", 40);
    private static final int FILL_THREADS = 2;
    private static final int WARMUP_RECALLS = Integer.getInteger("tenants.warmup", 1_000);
    private static final int TIMED_RECALLS = Integer.getInteger("tenants.recalls", 2_000);
    private static final double ZIPF_S = 1.0;
    /** Larger caps (and "2x16": two replicas of the shipped cap, routed by workspace) run for real, each behind a gateway of its own. */
    private static final List<String> CONFIGS = List.of(System.getProperty("tenants.configs", "64,256,2x16").split(","));
    private static final String PROBE_LOCATION = "classpath:bench/tenants-migration";

    private TenantsBenchmark() {
    }

    public static void run(Path locomoDir, int[] counts) throws Exception {
        System.out.println("command: bench tenants " + locomoDir + " " + Arrays.toString(counts) + " (heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, " + Runtime.getRuntime().availableProcessors()
                + " cores; configs " + CONFIGS + ", " + TIMED_CREATES + " creates, " + WARMUP_RECALLS + "+" + TIMED_RECALLS
                + " recalls)");
        // Flyway says five lines per schema it looks at; ten thousand schemas would bury the figures.
        System.setProperty("logging.level.org.flywaydb", "WARN");
        LocomoData data = LocomoData.load(locomoDir.resolve("locomo10.json"));
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "tenants-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")),
                Platform.NO_RATE_LIMIT)) {
            new TenantsBenchmark.Run(platform, data).go(counts);
        }
    }

    /** One run's platform and the workspaces made so far. */
    private static final class Run {

        private final Platform platform;
        private final LocomoData data;
        private final DSLContext dsl;
        private final DataSource dataSource;
        private final WorkspaceProvisioner provisioner;
        private final List<Workspace> workspaces = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, String> keys = new HashMap<>();
        private HaystackLoader loader;
        private FastWorkspaceFiller filler;

        Run(Platform platform, LocomoData data) {
            this.platform = platform;
            this.data = data;
            this.dsl = platform.gateway().getBean(DSLContext.class);
            this.dataSource = platform.gateway().getBean(DataSource.class);
            this.provisioner = platform.gateway().getBean(WorkspaceProvisioner.class);
        }

        void go(int[] counts) throws Exception {
            loader = ScaleBenchmark.baseCorpus(platform, data, List.of(5));
            Workspace reference = provisioner.create(new WorkspaceSlug("tenants-reference"), "tenants-reference");
            loader.load(dsl, reference.schema(), MEMORIES, 0);
            workspaces.add(reference);
            filler = new FastWorkspaceFiller(dataSource, dsl, loader, reference.schema());
            System.out.println(footprint().describe() + " (before filling)");
            for (int count : counts) {
                fill(count);
                System.out.printf("at %,d workspaces: %s; JVM heap used after GC %,.0f MB%n", workspaces.size(),
                        footprint().describe(), usedHeapAfterGc() / 1e6);
                provision(count);
            }
            lockTable();
            upgrade();
            System.out.println("after the upgrade runs: " + footprint().describe());
            recalls();
            System.out.println("after the recalls: " + footprint().describe());
        }

        private PostgresFootprint footprint() {
            return PostgresFootprint.measure(dsl, platform.postgres().postmasterPid());
        }

        /** Fast-fills up to {@code count} workspaces, two at a time. */
        private void fill(int count) throws Exception {
            int missing = count - workspaces.size();
            if (missing <= 0) {
                return;
            }
            long started = System.nanoTime();
            AtomicInteger next = new AtomicInteger(workspaces.size());
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(FILL_THREADS)) {
                for (int i = 0; i < missing; i++) {
                    done.add(threads.submit(() -> {
                        int n = next.getAndIncrement();
                        workspaces.add(filler.create(String.format("t-%06d", n), MEMORIES, n));
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("filled %,d workspaces (bench filler, %d threads, %d memories each) in %.1f s: %.1f ms each,"
                    + " %.0f per second; now %,d%n", missing, FILL_THREADS, MEMORIES, seconds, seconds * 1e3 / missing,
                    missing / seconds, workspaces.size());
        }

        /** Times {@value #TIMED_CREATES} creates through the real provisioner, one after another. */
        private void provision(int checkpoint) {
            int existing = workspaces.size();
            long[] nanos = new long[TIMED_CREATES];
            for (int i = 0; i < TIMED_CREATES; i++) {
                String slug = String.format("p-%06d-%02d", checkpoint, i);
                long started = System.nanoTime();
                Workspace created = provisioner.create(new WorkspaceSlug(slug), slug);
                nanos[i] = System.nanoTime() - started;
                loader.load(dsl, created.schema(), MEMORIES, slug.hashCode());
                workspaces.add(created);
            }
            System.out.printf("provision through WorkspaceProvisioner.create at %,d existing workspace schemas: %s%n",
                    existing, LatencyBenchmark.percentiles(nanos));
        }

        /** What one transaction may lock in all: the bound that a whole-database dump meets first. */
        private void lockTable() {
            org.jooq.Record settings = dsl.resultQuery("select current_setting('max_locks_per_transaction')::bigint as locks,"
                    + " current_setting('max_connections')::bigint as connections,"
                    + " current_setting('max_prepared_transactions')::bigint as prepared,"
                    + " (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname like 'ws\\_%') as relations,"
                    + " (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname like 'ws\\_%' and c.relkind in ('r', 'p')) as tables").fetchOne();
            long locksPerTx = settings.get("locks", Long.class);
            long connections = settings.get("connections", Long.class);
            long prepared = settings.get("prepared", Long.class);
            long relations = settings.get("relations", Long.class);
            long tables = settings.get("tables", Long.class);
            int count = workspaces.size();
            long capacity = locksPerTx * (connections + prepared);
            System.out.printf("lock table: max_locks_per_transaction %d x (max_connections %d + max_prepared_transactions %d)"
                    + " = %,d lock slots; the workspace schemas hold %,d tables (%.1f per workspace) and %,d relations with"
                    + " indexes and sequences (%.1f per workspace): one transaction that locks every table (pg_dump of the"
                    + " database) runs out past about %,d workspaces, one that locks every relation (dropping them all at"
                    + " once) past about %,d%n", locksPerTx, connections, prepared, capacity, tables, tables / (double) count,
                    relations, relations / (double) count, capacity * count / Math.max(1, tables),
                    capacity * count / Math.max(1, relations));
        }

        /**
         * One new migration over every workspace schema, in slices so each parallelism sees fresh schemas: 10 % with
         * one thread, 20 % with two, the rest with four; then the whole again, which finds every schema current (the
         * cost of a resume, and of the check the gateway's start makes), with four threads and with one on 10 %.
         */
        private void upgrade() {
            List<Target> targets = dsl.select(WORKSPACES.SCHEMA_NAME).from(WORKSPACES).orderBy(WORKSPACES.SCHEMA_NAME)
                    .fetch(WORKSPACES.SCHEMA_NAME).stream()
                    .map(s -> new Target(new WorkspaceSchemaName(s), dataSource)).toList();
            int n = targets.size();
            int one = n / 10;
            int two = n / 5;
            timeUpgrade("apply V900 (nullable column)", targets.subList(0, one), 1, n, true);
            timeUpgrade("apply V900 (nullable column)", targets.subList(one, one + two), 2, n, true);
            timeUpgrade("apply V900 (nullable column)", targets.subList(one + two, n), 4, n, true);
            timeUpgrade("resume: all current", targets, 4, n, false);
            timeUpgrade("resume: all current", targets.subList(0, one), 1, n, false);
        }

        private void timeUpgrade(String what, List<Target> slice, int parallelism, int all, boolean applies) {
            long started = System.nanoTime();
            Summary summary = new WorkspaceSchemaUpgrade(parallelism, List.of(PROBE_LOCATION)).upgrade(slice);
            double seconds = (System.nanoTime() - started) / 1e9;
            int expectedMigrated = applies ? slice.size() : 0;
            if (summary.migrated().size() != expectedMigrated || !summary.failed().isEmpty()) {
                throw new IllegalStateException(what + ": " + summary.migrated().size() + " migrated, "
                        + summary.alreadyCurrent().size() + " current, failures " + summary.failed().stream().limit(3).toList());
            }
            System.out.printf("upgrade, %s, parallelism %d: %,d schemas in %.1f s = %.1f ms each, %.0f per second"
                    + " (at that rate all %,d would take %.0f s); migrated %,d, already current %,d, failed %d%n", what,
                    parallelism, slice.size(), seconds, seconds * 1e3 / slice.size(), slice.size() / seconds, all,
                    seconds * all / slice.size(), summary.migrated().size(), summary.alreadyCurrent().size(),
                    summary.failed().size());
        }

        /** Zipf-distributed recalls over every workspace: the shipped cap, then each configuration of {@link #CONFIGS}. */
        private void recalls() throws Exception {
            List<Workspace> all = new ArrayList<>(workspaces);
            Collections.shuffle(all, new Random(28));
            int[] stream = new ZipfSequence(all.size(), ZIPF_S, 28).draw(WARMUP_RECALLS + TIMED_RECALLS);
            List<String> queries = data.conversations().get(0).questions().stream().map(Question::question).toList();
            System.out.printf("zipf s=%.1f over %,d workspaces: %,d distinct workspaces among the %,d timed recalls"
                    + " (%,d among all %,d)%n", ZIPF_S, all.size(),
                    Arrays.stream(stream, WARMUP_RECALLS, stream.length).distinct().count(), TIMED_RECALLS,
                    Arrays.stream(stream).distinct().count(), stream.length);

            ConfigurableApplicationContext query = platform.queryService();
            zipf("max-warm 16 (shipped), one query service", platform.gatewayUrl(), List.of(query), all, stream, queries);
            SimulatedCaches.print(stream, all);
            for (String config : CONFIGS) {
                boolean pair = config.startsWith("2x");
                int cap = Integer.parseInt(pair ? config.substring(2) : config);
                List<ConfigurableApplicationContext> replicas = new ArrayList<>();
                List<String> urls = new ArrayList<>();
                for (int r = 0; r < (pair ? 2 : 1); r++) {
                    int port = freePort();
                    replicas.add(platform.startQueryReplica(port, Map.of("memorylayer.runtime.max-warm", Integer.toString(cap))));
                    urls.add("http://127.0.0.1:" + port);
                }
                long started = System.nanoTime();
                String gateway = platform.startAnotherGateway(Map.of("memorylayer.query.urls", String.join(",", urls)));
                System.out.printf("a gateway started over %,d workspace schemas in %.1f s (its start checks the schemas not"
                        + " recorded at the build's version: the filler's rows record none, so the first start checks them all)%n",
                        workspaces.size(), (System.nanoTime() - started) / 1e9);
                String label = "max-warm " + cap + ", " + replicas.size() + " query replica(s) routed by workspace";
                zipf(label, gateway, replicas, all, stream, queries);
                System.out.printf("zipf recall, %s: the same stream simulated (LRU, the gateway's rendezvous hash over these"
                        + " replicas' URLs): hit ratio %.3f%n", label, LruSimulation.hitRatio(stream, WARMUP_RECALLS, cap,
                        urls.size(), r -> replicaOf(all.get(r), urls)));
                for (ConfigurableApplicationContext replica : replicas) {
                    replica.close();
                }
            }
            // The first configuration also paid for the JIT's warm-up; run last as well, it shows what order cost.
            zipf("max-warm 16 (shipped), one query service, again after the others", platform.gatewayUrl(), List.of(query), all,
                    stream, queries);
        }

        private void zipf(String label, String gatewayUrl, List<ConfigurableApplicationContext> queryServices,
                List<Workspace> all, int[] stream, List<String> queries) throws Exception {
            List<WorkspaceRuntimeCache> caches = queryServices.stream().map(q -> q.getBean(WorkspaceRuntimeCache.class)).toList();
            Random random = new Random(7);
            long[] nanos = new long[TIMED_RECALLS];
            List<Long> hitNanos = new ArrayList<>();
            List<Long> missNanos = new ArrayList<>();
            long hitsBefore = 0;
            long missesBefore = 0;
            for (int i = 0; i < stream.length; i++) {
                if (i == WARMUP_RECALLS) {
                    hitsBefore = caches.stream().mapToLong(WorkspaceRuntimeCache::hits).sum();
                    missesBefore = caches.stream().mapToLong(WorkspaceRuntimeCache::misses).sum();
                }
                Workspace workspace = all.get(stream[i]);
                String key = keyOf(workspace);
                long missesAtStart = caches.stream().mapToLong(WorkspaceRuntimeCache::misses).sum();
                long started = System.nanoTime();
                recall(gatewayUrl, workspace.slug(), key, queries.get(random.nextInt(queries.size())));
                long took = System.nanoTime() - started;
                if (i >= WARMUP_RECALLS) {
                    nanos[i - WARMUP_RECALLS] = took;
                    // One client, one recall at a time: a miss counted meanwhile was this recall's.
                    boolean cold = caches.stream().mapToLong(WorkspaceRuntimeCache::misses).sum() > missesAtStart;
                    (cold ? missNanos : hitNanos).add(took);
                }
            }
            long hits = caches.stream().mapToLong(WorkspaceRuntimeCache::hits).sum() - hitsBefore;
            long misses = caches.stream().mapToLong(WorkspaceRuntimeCache::misses).sum() - missesBefore;
            int warm = caches.stream().mapToInt(WorkspaceRuntimeCache::warmCount).sum();
            System.out.printf("zipf recall, %s: %s; warm hit ratio %.3f (%,d hits, %,d misses, measured on the cache)%n", label,
                    LatencyBenchmark.percentiles(nanos), hits / (double) Math.max(1, hits + misses), hits, misses);
            System.out.printf("zipf recall, %s: recalls that found their workspace warm %s; cold (runtime built from"
                    + " Postgres) %s%n", label, percentilesOf(hitNanos), percentilesOf(missNanos));
            long heapWarm = usedHeapAfterGc();
            caches.forEach(WorkspaceRuntimeCache::close);
            long heapCold = usedHeapAfterGc();
            System.out.printf("zipf recall, %s: %d runtimes warm held %.1f MB of heap, %.2f MB each (100 memories)%n", label,
                    warm, (heapWarm - heapCold) / 1e6, (heapWarm - heapCold) / 1e6 / Math.max(1, warm));
        }

        /** A key for the workspace, issued the first time it is read: only the workspaces the stream reaches get one. */
        private String keyOf(Workspace workspace) {
            return keys.computeIfAbsent(workspace.slug(), slug -> platform.gateway().getBean(ApiKeyIssuer.class)
                    .issue(workspace.id(), "bench", Set.of(Scope.READ), null).token().value());
        }
    }

    /** The replica the gateway's rendezvous hash sends the workspace's reads to, by its position in {@code urls}. */
    static int replicaOf(Workspace workspace, List<String> urls) {
        return urls.indexOf(RendezvousHash.order(workspace.id(), urls, url -> url).get(0));
    }

    /** The same access stream through simulated LRU caches: larger caps, and replicas splitting it by workspace. */
    private static final class SimulatedCaches {

        static void print(int[] stream, List<Workspace> all) {
            StringBuilder line = new StringBuilder("zipf, simulated LRU hit ratio over the same stream (timed part):");
            for (int cap : new int[] {16, 64, 256, 1024}) {
                line.append(String.format(" cap %d: %.3f;", cap, LruSimulation.hitRatio(stream, WARMUP_RECALLS, cap, 1, r -> 0)));
            }
            for (int cap : new int[] {16, 64}) {
                line.append(String.format(" 2 replicas x cap %d (split by the gateway's rendezvous hash): %.3f;", cap, LruSimulation.hitRatio(
                        stream, WARMUP_RECALLS, cap, 2, r -> replicaOf(all.get(r), List.of("http://replica-0", "http://replica-1")))));
            }
            System.out.println(line);
        }
    }

    private static void recall(String gatewayUrl, String slug, String key, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/workspaces/" + slug + "/recall"))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "limit", 10)))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("recall in " + slug + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String percentilesOf(List<Long> nanos) {
        return nanos.isEmpty() ? "none" : LatencyBenchmark.percentiles(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
