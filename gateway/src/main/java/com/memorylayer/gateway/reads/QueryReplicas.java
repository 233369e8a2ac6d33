package com.memorylayer.gateway.reads;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query replicas this gateway routes to, and which of them are ready. The members come from the settings' list
 * or from DNS (every address of a headless Service name), looked up again every refresh interval; each member's
 * {@code /healthz} is probed then too. A call that fails to reach a member marks it not ready at once, until a probe
 * finds it answering again, so the calls after it do not try it first.
 *
 * <p>A workspace's reads go to the first ready member in its {@link RendezvousHash rendezvous order}: one replica
 * warms it, and a replica warms only the workspaces routed to it.
 */
@Component
public class QueryReplicas implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryReplicas.class);

    /** One member as last seen. */
    public record Replica(String url, boolean ready) {
    }

    /**
     * One member's runtime cache as its last answered probe reported it (no URL: for public figures).
     *
     * @param warmWorkspaces    workspace runtimes it held warm, -1 before a probe answered
     * @param maxWarmWorkspaces runtimes it keeps at most, -1 before a probe answered
     */
    public record ReplicaCache(boolean ready, int warmWorkspaces, int maxWarmWorkspaces) {
    }

    private record CacheFigures(int warm, int max) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QueryServiceProperties properties;
    private final HttpClient http;
    private final ScheduledExecutorService refresher;
    private volatile List<String> members;
    /** Members whose last probe answered 200 and that no call has failed to reach since. */
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    /** What each member's last answered probe said of its runtime cache. */
    private final Map<String, CacheFigures> caches = new ConcurrentHashMap<>();

    public QueryReplicas(QueryServiceProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.connectTimeout()).build();
        this.members = properties.dnsName() == null ? properties.urls() : List.of();
        // Until the first probe, every listed member is taken to be ready: a call that finds one down moves on anyway.
        this.ready.addAll(members);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "query-replicas");
            thread.setDaemon(true);
            return thread;
        });
        refresh();
        long every = properties.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The members to try for this workspace, in order: the ready ones by the workspace's rendezvous order, then the
     * others in the same order (a probe may be stale; trying a member beats answering 503 unasked).
     */
    public List<String> order(UUID workspaceId) {
        List<String> all = RendezvousHash.order(workspaceId, members, url -> url);
        List<String> tryFirst = new ArrayList<>(all.size());
        List<String> tryLast = new ArrayList<>();
        for (String url : all) {
            (ready.contains(url) ? tryFirst : tryLast).add(url);
        }
        tryFirst.addAll(tryLast);
        return tryFirst;
    }

    /** A call could not reach this member: it is skipped until a probe finds it answering. */
    public void failed(String url) {
        if (ready.remove(url)) {
            log.warn("query replica {} did not answer a call; it is skipped until it answers its health probe", url);
        }
    }

    /** Every member as last seen. */
    public List<Replica> members() {
        return members.stream().map(url -> new Replica(url, ready.contains(url))).toList();
    }

    /** Every member's runtime cache, in member order. */
    public List<ReplicaCache> caches() {
        return members.stream().map(url -> {
            CacheFigures cache = caches.getOrDefault(url, new CacheFigures(-1, -1));
            return new ReplicaCache(ready.contains(url), cache.warm(), cache.max());
        }).toList();
    }

    private void refresh() {
        try {
            List<String> current = properties.dnsName() == null ? properties.urls() : resolve(properties.dnsName());
            if (!current.equals(members)) {
                log.info("query replicas: {}", current);
            }
            Map<String, CompletableFuture<Boolean>> probes = new java.util.LinkedHashMap<>();
            for (String url : current) {
                probes.put(url, probe(url));
            }
            members = current;
            probes.forEach((url, probe) -> {
                boolean answers = probe.join();
                if (answers && ready.add(url)) {
                    log.info("query replica {} is ready", url);
                } else if (!answers && ready.remove(url)) {
                    log.warn("query replica {} is not answering its health probe", url);
                }
            });
            ready.retainAll(Set.copyOf(current));
            caches.keySet().retainAll(Set.copyOf(current));
        } catch (RuntimeException e) {
            log.warn("refreshing the query replicas failed; keeping the last set", e);
        }
    }

    private CompletableFuture<Boolean> probe(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/healthz")).timeout(properties.connectTimeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((answer, error) -> {
            if (error != null || answer.statusCode() != 200) {
                return false;
            }
            try {
                JsonNode health = JSON.readTree(answer.body());
                caches.put(url, new CacheFigures(health.path("warm_workspaces").asInt(-1), health.path("max_warm_workspaces").asInt(-1)));
            } catch (RuntimeException e) {
                // An answer without the figures still means the replica is up.
            }
            return true;
        });
    }

    /** Every address of {@code host:port}, as base URLs in a stable order; the last set if the lookup fails. */
    private List<String> resolve(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = hostAndPort.substring(0, colon);
        String port = hostAndPort.substring(colon + 1);
        try {
            return Arrays.stream(InetAddress.getAllByName(host))
                    .map(a -> "http://" + (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port)
                    .distinct().sorted().toList();
        } catch (UnknownHostException e) {
            log.warn("query replicas: {} does not resolve; keeping the last set", host);
            return members;
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        http.close();
    }
}
