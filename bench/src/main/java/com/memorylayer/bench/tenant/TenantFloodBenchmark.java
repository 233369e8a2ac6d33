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

    /** One flood call: thread number and call number in, HTTP status out. */
    @FunctionalInterface
    private interface FloodCall {
        int send(int thread, int call) throws Exception;
    }

    /** The quiet tenant's recall latencies while {@link #FLOODERS} clients send {@code flood} calls without pause. */
    private static long[] underFlood(Tenant quiet, List<String> queries, int key, Map<Integer, LongAdder> statuses,
            FloodCall flood) throws Exception {
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
            return quiet.recalls(queries, QUIET_RECALLS, key);
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
            Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug, owner);
            this.id = workspace.id();
            for (int i = 0; i < keyCount; i++) {
                keys.add(platform.gateway().getBean(ApiKeyIssuer.class)
                        .issue(workspace.id(), "bench-" + i, Set.of(Scope.READ, Scope.WRITE), null).token().value());
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
