package com.memorylayer.gateway.status;

import com.memorylayer.gateway.reads.QueryReplicas;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jooq.DSLContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Whether the platform can serve: the database, the broker, the query service and the embedding model it runs, each
 * checked at once, each within {@code check-timeout}. Nothing a check meets is thrown; a part that fails or is slow
 * is reported {@code degraded} with what went wrong, in words that name no secret.
 */
@Component
class ReadinessChecks implements DisposableBean {

    /** One part's state. @param detail what it runs (the model's name) or what went wrong */
    record Check(String status, long latencyMs, String detail) {
    }

    /** The whole answer: {@code ok} when every part is. */
    record Readiness(String status, Map<String, Check> checks, List<String> degraded, Instant checkedAt) {

        boolean ok() {
            return degraded.isEmpty();
        }
    }

    private final DSLContext control;
    private final QueryReplicas queryReplicas;
    private final ReadinessProperties properties;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    /** Created at once (that connects to nothing); its first call connects. */
    private final Admin admin;
    private Readiness last;

    ReadinessChecks(DSLContext control, KafkaAdmin kafkaAdmin, QueryReplicas queryReplicas, ReadinessProperties properties,
            ObjectMapper mapper) {
        this.control = control;
        this.queryReplicas = queryReplicas;
        this.properties = properties;
        this.mapper = mapper;
        this.clock = Clock.systemUTC();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.checkTimeout()).build();
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        // A broker client's first call connects and learns the cluster, which takes longer than a check may; it is
        // made once in the background at start, so the first readiness call meets a warm client.
        checks.submit(() -> {
            try {
                admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The checks report it when asked.
            }
        });
    }

    /** The latest answer if it is fresh enough, else a new one; one caller checks at a time, the others reuse it. */
    synchronized Readiness now() {
        Instant now = clock.instant();
        if (last != null && !now.isAfter(last.checkedAt().plus(properties.reuseFor()))) {
            return last;
        }
        CompletableFuture<Check> database = run(this::database);
        CompletableFuture<Check> broker = run(this::broker);
        CompletableFuture<Map.Entry<Check, Check>> query = CompletableFuture.supplyAsync(this::queryService, checks);
        Map<String, Check> parts = new LinkedHashMap<>();
        parts.put("database", bounded(database, failed -> failed));
        parts.put("broker", bounded(broker, failed -> failed));
        Map.Entry<Check, Check> service = bounded(query, failed -> Map.entry(failed,
                new Check("degraded", failed.latencyMs(), "unknown: the query service is not answering")));
        parts.put("query_service", service.getKey());
        parts.put("embedding_model", service.getValue());
        List<String> degraded = new ArrayList<>();
        parts.forEach((name, check) -> {
            if (!check.status().equals("ok")) {
                degraded.add(name);
            }
        });
        last = new Readiness(degraded.isEmpty() ? "ok" : "degraded", parts, degraded, clock.instant());
        return last;
    }

    private Check database() {
        long started = System.nanoTime();
        control.selectOne().fetch();
        return new Check("ok", elapsed(started), null);
    }

    private Check broker() throws Exception {
        long started = System.nanoTime();
        int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) properties.checkTimeout().toMillis()))
                .nodes().get(properties.checkTimeout().toMillis(), TimeUnit.MILLISECONDS).size();
        return nodes > 0 ? new Check("ok", elapsed(started), nodes + (nodes == 1 ? " broker" : " brokers"))
                : new Check("degraded", elapsed(started), "no broker answered");
    }

    /**
     * The query service's liveness, and the embedding model it says it runs: asked of a replica the gateway takes
     * to be ready (the read side is ready while any replica is; the workspaces of one that is down move to others).
     */
    private Map.Entry<Check, Check> queryService() {
        long started = System.nanoTime();
        String replica = queryReplicas.members().stream().filter(QueryReplicas.Replica::ready).map(QueryReplicas.Replica::url)
                .findFirst().orElse(queryReplicas.members().isEmpty() ? null : queryReplicas.members().getFirst().url());
        if (replica == null) {
            return unreachable(started, "no query replica is known");
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(replica + "/healthz"))
                    .timeout(properties.checkTimeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
            long took = elapsed(started);
            if (answer.statusCode() != 200) {
                Check down = new Check("degraded", took, "answered " + answer.statusCode());
                return Map.entry(down, new Check("degraded", took, "unknown: the query service is not ready"));
            }
            JsonNode health = mapper.readTree(answer.body());
            String model = health.path("embedding_model").asString("");
            return Map.entry(new Check("ok", took, null), model.isBlank() ? new Check("degraded", took, "no embedding model loaded")
                    : new Check("ok", took, model));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(started, "interrupted");
        } catch (Exception e) {
            return unreachable(started, "not answering");
        }
    }

    private static Map.Entry<Check, Check> unreachable(long started, String why) {
        long took = elapsed(started);
        return Map.entry(new Check("degraded", took, why), new Check("degraded", took, "unknown: the query service is not answering"));
    }

    private interface Probe {
        Check probe() throws Exception;
    }

    private CompletableFuture<Check> run(Probe probe) {
        Supplier<Check> guarded = () -> {
            long started = System.nanoTime();
            try {
                return probe.probe();
            } catch (Exception e) {
                return new Check("degraded", elapsed(started), "not answering");
            }
        };
        return CompletableFuture.supplyAsync(guarded, checks);
    }

    /** The check's answer within its bound, else {@code failed} of what went wrong. */
    private <T> T bounded(CompletableFuture<T> check, Function<Check, T> failed) {
        try {
            return check.get(properties.checkTimeout().toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failed.apply(new Check("degraded", properties.checkTimeout().toMillis(), "no answer within "
                    + properties.checkTimeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed.apply(new Check("degraded", 0, "interrupted"));
        } catch (Exception e) {
            return failed.apply(new Check("degraded", 0, "not answering"));
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
