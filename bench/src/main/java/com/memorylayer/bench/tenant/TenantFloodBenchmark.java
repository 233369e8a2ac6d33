package com.memorylayer.bench.tenant;

import com.memorylayer.bench.latency.LatencyBenchmark;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.login.UserDirectory;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.Platform;
import com.memorylayer.launcher.PlatformSettings;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Does one tenant's flood reach another tenant? Rate limits at their shipped values. A quiet tenant's workspace
 * (2,000 memories) is recalled by one client, idle and then under two floods by another tenant: many keys on one
 * workspace (which the per-workspace limit caps), and one person cycling 20 workspaces of theirs (which the
 * per-owner share of the warm runtimes keeps from evicting the quiet one, and its load budget from rebuilding indexes
 * on every call). Figures: the quiet recall's p50/p95 under each flood against the fastest of three idle phases
 * measured in the same run, before, between and after the floods.
 *
 * <p>With the mode {@code writes} ({@link #runWrites}): does one key's flood of maintenance, previews or exports delay
 * another tenant's writes? The quiet tenant's remember with {@code ?wait=true} (answered once the worker applied it),
 * one every 300 ms, idle and under each flood; the goal is every write applied within 2 s.
 */
public final class TenantFloodBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int QUIET_RECALLS = 300;
    /**
     * The quiet tenant's pace: a recall every 150 ms, within its workspace's smoothed allowance (10 a second), so the
     * figure is its latency, not its own limit.
     */
    private static final long QUIET_INTERVAL_NANOS = 150_000_000L;
    private static final int FLOODERS = 8;
    private static final int FLOOD_WORKSPACES = 20;
    private static final int KEYS_PER_FLOOD_WORKSPACE = 5;

    private TenantFloodBenchmark() {
    }

    public static void run(List<String> turns, List<String> queries) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "tenant-flood-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")))) {
            UserDirectory people = new UserDirectory(platform.gateway().getBean(DSLContext.class));
            UUID quietPerson = people.signedIn(1, "quiet", null, null).id();
            UUID flooder = people.signedIn(2, "flooder", null, null).id();

            Tenant quiet = new Tenant(platform, "quiet", quietPerson, 6);
            quiet.seed(turns.subList(0, 2_000));
            List<Tenant> floods = new ArrayList<>();
            for (int i = 0; i < FLOOD_WORKSPACES; i++) {
                Tenant flood = new Tenant(platform, "flood-" + i, flooder, KEYS_PER_FLOOD_WORKSPACE);
                flood.seed(turns.subList(2_000 + i * 100, 2_000 + (i + 1) * 100));
                floods.add(flood);
            }
            // Warm up the JIT and the quiet runtime (200 recalls), then measure idle.
            quiet.recalls(queries, 200, 4);
            long[] idle = quiet.recalls(queries, QUIET_RECALLS, 0);

            Map<Integer, LongAdder> manyKeysStatuses = new ConcurrentHashMap<>();
            long[] manyKeys = underFlood(quiet, queries, 2, manyKeysStatuses, (thread, call) -> {
                Tenant target = floods.get(0);
                return target.recallStatus(queries.get(call % queries.size()), call % KEYS_PER_FLOOD_WORKSPACE);
            });

            Thread.sleep(5_000);
            long[] idleBetween = quiet.recalls(queries, QUIET_RECALLS, 4);

            Map<Integer, LongAdder> cyclingStatuses = new ConcurrentHashMap<>();
            long[] cycling = underFlood(quiet, queries, 0, cyclingStatuses, (thread, call) -> {
                Tenant target = floods.get((call * FLOODERS + thread) % FLOOD_WORKSPACES);
                return target.recallStatus(queries.get(call % queries.size()), (call / FLOOD_WORKSPACES) % KEYS_PER_FLOOD_WORKSPACE);
            });
            boolean quietStillWarm = platform.queryService().getBean(WorkspaceRuntimeCache.class).isWarm(quiet.id);
            // Idle again, after the floods: this machine's speed drifts over a run, so every idle is a baseline.
            Thread.sleep(5_000);
            long[] idleAfter = quiet.recalls(queries, QUIET_RECALLS, 2);

            System.out.println("recall on the quiet tenant's workspace (2,000 memories), one client, through the gateway, "
                    + "rate limits at their shipped values (240/min a key; 600/min a workspace and an owner, at most 100 in 10 s), "
                    + "one recall every 150 ms:");
            System.out.println("  idle, before the floods:                " + LatencyBenchmark.percentiles(idle));
            System.out.println("  idle, between the floods:               " + LatencyBenchmark.percentiles(idleBetween));
            System.out.println("  idle, after the floods:                 " + LatencyBenchmark.percentiles(idleAfter));
            System.out.println("  another tenant, " + KEYS_PER_FLOOD_WORKSPACE + " keys on one workspace, " + FLOODERS
                    + " clients: " + LatencyBenchmark.percentiles(manyKeys) + "; flood answers " + manyKeysStatuses);
            System.out.println("  another tenant cycling its " + FLOOD_WORKSPACES + " workspaces, " + FLOODERS + " clients: "
                    + LatencyBenchmark.percentiles(cycling) + "; flood answers " + cyclingStatuses);
            // Against the fastest of the idle baselines: the least favourable ratio.
            double idle95 = Math.min(p(idle, 0.95), Math.min(p(idleBetween, 0.95), p(idleAfter, 0.95)));
            double idle50 = Math.min(p(idle, 0.50), Math.min(p(idleBetween, 0.50), p(idleAfter, 0.50)));
            System.out.printf("  p95 / idle p95 (the fastest idle): many keys %.2f, cycling workspaces %.2f; p50 / idle p50: %.2f, %.2f%n",
                    p(manyKeys, 0.95) / idle95, p(cycling, 0.95) / idle95, p(manyKeys, 0.50) / idle50, p(cycling, 0.50) / idle50);
            double mean95 = (p(idle, 0.95) + p(idleBetween, 0.95) + p(idleAfter, 0.95)) / 3;
            System.out.printf("  p95 / the idles' mean p95: many keys %.2f, cycling workspaces %.2f%n",
                    p(manyKeys, 0.95) / mean95, p(cycling, 0.95) / mean95);
            System.out.println("  the quiet workspace's runtime still warm after the cycling flood: " + quietStillWarm);
            System.out.println("command: bench tenant-flood ../shared/bench/locomo");
        }
    }

    /** The quiet tenant's writes per phase, one every {@link #WRITE_INTERVAL_NANOS}. */
    private static final int QUIET_WRITES = 100;
    private static final long WRITE_INTERVAL_NANOS = 300_000_000L;
    /** Memories in the flooding workspace: 2,000 turns, and 2,000 repeats of them written with dedupe off. */
    private static final int FLOOD_MEMORIES = 2_000;

    /**
     * The quiet tenant's write applied latency (a remember with {@code ?wait=true}, round trip) idle and while one key
     * of another tenant floods, with {@link #FLOODERS} clients and no pause: workspace-wide maintenance (batch tag
     * changes over all 4,000 of its memories, dedupe, consolidation previews, bulk-forget previews); CSV previews of
     * 1.95 MB (900 columns of 1,100-character names, 530 rows: the body that once exhausted the heap); exports of the
     * whole workspace.
     */
    public static void runWrites(List<String> turns) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("bench", "target")), "tenant-flood-writes-");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dir, Path.of("bench", "target", "model-cache")))) {
            UserDirectory people = new UserDirectory(platform.gateway().getBean(DSLContext.class));
            UUID quietPerson = people.signedIn(1, "quiet", null, null).id();
            UUID flooder = people.signedIn(2, "flooder", null, null).id();
            Tenant quiet = new Tenant(platform, "quiet", quietPerson, 2, Set.of(Scope.READ, Scope.WRITE));
            quiet.seed(turns.subList(0, 200));
            Tenant flood = new Tenant(platform, "flood", flooder, 1, Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN));
            flood.seed(turns.subList(200, 200 + FLOOD_MEMORIES));
            flood.seedRepeats(turns.subList(200, 200 + FLOOD_MEMORIES));
            List<String> writes = turns.subList(200 + FLOOD_MEMORIES, 200 + FLOOD_MEMORIES + 7 * QUIET_WRITES);

            quiet.writes(writes.subList(0, 50), 0); // warm-up
            long[] idle = quiet.writes(writes.subList(100, 200), 0);
            Map<Integer, LongAdder> maintenanceStatuses = new ConcurrentHashMap<>();
            long[] maintenance = quiet.writesUnderFlood(writes.subList(200, 300), maintenanceStatuses,
                    (thread, call) -> flood.maintenance(call));
            Thread.sleep(5_000);
            long[] idleBetween = quiet.writes(writes.subList(300, 400), 0);
            String csv = wideCsv();
            Map<Integer, LongAdder> previewStatuses = new ConcurrentHashMap<>();
            long[] previews = quiet.writesUnderFlood(writes.subList(400, 500), previewStatuses,
                    (thread, call) -> flood.send("POST", "/ingest/preview", Map.of("content", csv, "split_mode", "csv"), 0).statusCode());
            Map<Integer, LongAdder> exportStatuses = new ConcurrentHashMap<>();
            long[] exports = quiet.writesUnderFlood(writes.subList(500, 600), exportStatuses,
                    (thread, call) -> flood.export());
            Thread.sleep(5_000);
            long[] idleAfter = quiet.writes(writes.subList(600, 700), 0);

            System.out.println("another tenant's remember applied (POST /memories?wait=true, round trip), one every 300 ms, "
                    + "rate limits at their shipped values; one key of the flooding tenant, " + FLOODERS + " clients without pause:");
            System.out.println("  idle, before the floods:    " + withMax(idle));
            System.out.println("  idle, between the floods:   " + withMax(idleBetween));
            System.out.println("  idle, after the floods:     " + withMax(idleAfter));
            System.out.println("  maintenance flood:          " + withMax(maintenance) + "; flood answers " + maintenanceStatuses);
            System.out.println("  1.95 MB CSV preview flood:  " + withMax(previews) + "; flood answers " + previewStatuses);
            System.out.println("  whole-workspace export flood: " + withMax(exports) + "; flood answers " + exportStatuses);
            System.out.println("command: bench tenant-flood ../shared/bench/locomo writes");
        }
    }

    private static String withMax(long[] nanos) {
        return LatencyBenchmark.percentiles(nanos) + String.format(", max %.1f ms, over 2 s: %d",
                java.util.Arrays.stream(nanos).max().orElse(0) / 1e6, java.util.Arrays.stream(nanos).filter(n -> n > 2_000_000_000L).count());
    }

    /** The issue's body: 900 column names of 1,100 characters and 530 rows, about 1.95 MB. */
    private static String wideCsv() {
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 900; c++) {
            csv.append(c == 0 ? "" : ",").append(String.valueOf((char) ('a' + c % 26)).repeat(1_096)).append(String.format("%04d", c));
        }
        for (int r = 0; r < 530; r++) {
            csv.append('\n');
            for (int c = 0; c < 900; c++) {
                csv.append(c == 0 ? "" : ",").append(r % 10);
            }
        }
        return csv.toString();
    }

    /** One flood call: thread number and call number in, HTTP status out. */
    @FunctionalInterface
    private interface FloodCall {
        int send(int thread, int call) throws Exception;
    }

    /** What the quiet tenant measures while the others flood. */
    @FunctionalInterface
    interface Measured {
        long[] measure() throws Exception;
    }

    /** The quiet tenant's recall latencies while {@link #FLOODERS} clients send {@code flood} calls without pause. */
    private static long[] underFlood(Tenant quiet, List<String> queries, int key, Map<Integer, LongAdder> statuses,
            FloodCall flood) throws Exception {
        return duringFlood(statuses, flood, () -> quiet.recalls(queries, QUIET_RECALLS, key));
    }

    /**
     * {@code measured}, after 5 s of {@link #FLOODERS} clients sending {@code flood} calls without pause and while they
     * go on; each call's status is counted in {@code statuses} (-1: no answer).
     */
    private static long[] duringFlood(Map<Integer, LongAdder> statuses, FloodCall flood, Measured measured) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < FLOODERS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    try {
                        int status = flood.send(thread, calls.getAndIncrement());
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
                    }
                }
            }));
        }
        try {
            Thread.sleep(5_000);
            return measured.measure();
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    private static double p(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** One workspace of a person, with keys, driven over HTTP as a client would. */
    private static final class Tenant {

        private final UUID id;
        private final String base;
        private final List<String> keys = new ArrayList<>();

        Tenant(Platform platform, String slug, UUID owner, int keyCount) {
            this(platform, slug, owner, keyCount, Set.of(Scope.READ, Scope.WRITE));
        }

        Tenant(Platform platform, String slug, UUID owner, int keyCount, Set<Scope> scopes) {
            Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug, owner);
            this.id = workspace.id();
            for (int i = 0; i < keyCount; i++) {
                keys.add(platform.gateway().getBean(ApiKeyIssuer.class)
                        .issue(workspace.id(), "bench-" + i, scopes, null).token().value());
            }
            this.base = platform.gatewayUrl() + "/v1/workspaces/" + slug;
        }

        /** Ingests the texts (at most 1,000 a request) and waits until every item is applied. */
        void seed(List<String> texts) throws Exception {
            String runId = null;
            for (int start = 0; start < texts.size(); start += 1000) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (String text : texts.subList(start, Math.min(texts.size(), start + 1000))) {
                    items.add(Map.of("content", text));
                }
                JsonNode accepted = JSON.readTree(send("POST", runId == null ? "/ingest" : "/ingest/runs/" + runId + "/items",
                        Map.of("items", items), 0).body());
                runId = accepted.path("run_id").asString();
            }
            send("POST", "/ingest/runs/" + runId + "/close", Map.of(), 0);
            while (!JSON.readTree(send("GET", "/ingest/runs/" + runId, null, 0).body()).path("finished_at").isString()) {
                Thread.sleep(500);
            }
        }

        /**
         * {@code count} recalls one after another, alternating keys {@code key} and {@code key + 1} (two agents: one
         * key's 240 a minute would not carry the pace for long); their latencies.
         */
        long[] recalls(List<String> queries, int count, int key) throws Exception {
            long[] nanos = new long[count];
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += QUIET_INTERVAL_NANOS;
                long start = System.nanoTime();
                HttpResponse<String> answer = send("POST", "/recall", Map.of("query", queries.get(i % queries.size()), "limit", 10),
                        key + i % 2);
                nanos[i] = System.nanoTime() - start;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("quiet recall answered " + answer.statusCode() + ": " + answer.body());
                }
            }
            return nanos;
        }

        /** The texts again, written with dedupe off (at most 1,000 a request), as repeats for a dedupe pass to merge. */
        void seedRepeats(List<String> texts) throws Exception {
            for (int start = 0; start < texts.size(); start += 1000) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (String text : texts.subList(start, Math.min(texts.size(), start + 1000))) {
                    items.add(Map.of("content", text));
                }
                String runId = JSON.readTree(send("POST", "/ingest", Map.of("items", items, "dedupe", false), 0).body())
                        .path("run_id").asString();
                send("POST", "/ingest/runs/" + runId + "/close", Map.of(), 0);
                while (!JSON.readTree(send("GET", "/ingest/runs/" + runId, null, 0).body()).path("finished_at").isString()) {
                    Thread.sleep(500);
                }
            }
        }

        /**
         * Remembers one after another, one every {@link #WRITE_INTERVAL_NANOS}, alternating keys {@code key} and
         * {@code key + 1}, each waiting until applied; their round trips.
         */
        long[] writes(List<String> texts, int key) throws Exception {
            long[] nanos = new long[texts.size()];
            long next = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += WRITE_INTERVAL_NANOS;
                long start = System.nanoTime();
                HttpResponse<String> answer = send("POST", "/memories?wait=true", Map.of("content", texts.get(i)), key + i % 2);
                nanos[i] = System.nanoTime() - start;
                if (answer.statusCode() != 200) {
                    // 202: not applied within the gateway's wait (10 s); counted as it is, and said.
                    System.out.println("  quiet write answered " + answer.statusCode() + " after " + nanos[i] / 1_000_000 + " ms");
                }
            }
            return nanos;
        }

        /** The writes while {@link #FLOODERS} clients send {@code flood} calls without pause, after 5 s of flood. */
        long[] writesUnderFlood(List<String> texts, Map<Integer, LongAdder> statuses, FloodCall flood) throws Exception {
            return duringFlood(statuses, flood, () -> writes(texts, 0));
        }

        /**
         * One maintenance call, in turn: a tag added to (or removed from) every memory, a dedupe that merges, a
         * consolidation preview and a bulk-forget preview (both wait for their answer).
         */
        int maintenance(int call) throws Exception {
            Map<String, Object> everything = Map.of("created_after", "2000-01-01T00:00:00Z");
            return switch (call % 4) {
                case 0 -> send("POST", "/memories/batch", Map.of("filters", everything,
                        (call / 4) % 2 == 0 ? "tags_add" : "tags_remove", List.of("flooded")), 0).statusCode();
                case 1 -> send("POST", "/memories/dedupe", Map.of("threshold", 0.5, "max_merges", 10_000, "dry_run", false), 0)
                        .statusCode();
                case 2 -> send("POST", "/memories/consolidate", Map.of("dry_run", true), 0).statusCode();
                default -> send("POST", "/memories/forget", Map.of("filters", everything, "dry_run", true), 0).statusCode();
            };
        }

        /** The whole workspace as JSON lines, read to the end and dropped. */
        int export() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/export")).header("X-API-Key", keys.get(0)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        int recallStatus(String query, int key) throws Exception {
            return send("POST", "/recall", Map.of("query", query, "limit", 10), key).statusCode();
        }

        private HttpResponse<String> send(String method, String path, Object body, int key) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", keys.get(key));
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
