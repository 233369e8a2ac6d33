package com.memorylayer.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.drill.FaultDrill;
import com.memorylayer.schemas.topics.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape on this machine, driven through {@link LocalCluster} as the fault drill drives it: eleven
 * processes (three brokers, Postgres, two gateways, two query replicas, two ingest workers, the audit-sink) from the
 * services' executable jars, which is why it runs after {@code package}. A memory remembered through gateway 1 is
 * recalled through gateway 2, every topic is on three brokers with {@code min.insync.replicas} 2, the
 * {@link FaultDrill} at its small scale loses and duplicates nothing (and a replay rebuilds the audit tables
 * identically), every member it killed is running again under a new pid, and after the stop not one of the members'
 * processes is left. The cluster's home (every member's log) stays in {@code target/local-cluster-it} for a failed run.
 */
class LocalClusterIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theClusterStartsServesAcrossGatewaysAndStopsEveryProcess() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path home = Path.of("target", "local-cluster-it").toAbsolutePath();
        FileSystemUtils.deleteRecursively(home);
        long started = System.nanoTime();
        List<Long> pids = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of(root).withHome(home).withDurable(false)
                // The drill's writers and recallers call far past one key's 240 a minute on purpose: it measures
                // faults, not the limiter (RateLimitTest does that).
                .withGatewayOverrides(Map.of("MEMORYLAYER_RATE_LIMIT_ENABLED", "false")))) {
            System.out.printf("cluster ready after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            Map<String, Long> table = cluster.pids();
            assertThat(table.keySet()).containsExactlyElementsOf(ClusterPlan.memberNames());
            assertThat(Files.readString(cluster.processesFile())).contains("\"audit-sink\": " + table.get("audit-sink"));
            pids.addAll(table.values());
            // Eleven processes, none of them this JVM.
            assertThat(pids).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

            assertReplicated(cluster);

            String content = "Remembered through gateway 1, recalled through gateway 2 (" + UUID.randomUUID() + ").";
            assertThat(rememberAndRecall(cluster, content)).contains(content);
            assertTraceAcrossProcesses(cluster, home.resolve("logs"));
            assertOperable(cluster);

            FaultDrill.Settings scale = FaultDrill.Settings.small();
            FaultDrill.Report drill = new FaultDrill(cluster, scale).run();
            System.out.println(drill.table(scale.recallBound()));
            assertThat(drill.writesAccepted()).isPositive();
            assertThat(drill.lost()).as("writes answered 202 and not in the export").isZero();
            assertThat(drill.duplicated()).as("writes stored twice").isZero();
            assertThat(drill.auditReplayIdentical()).as("the audit and usage tables rebuilt from offset 0").isTrue();
            // The workspace's query replica killed while recalls were in flight: each call went on to the other one.
            FaultDrill.FaultResult replica = drill.faults().stream().filter(f -> f.member().startsWith("query-")).findFirst().orElseThrow();
            assertThat(replica.recalls()).isPositive();
            assertThat(replica.recallsAnswered()).as("recalls answered 200 while the workspace's replica was down")
                    .isEqualTo(replica.recalls());
            // Every member the drill killed or stopped was started again as a new process, and processes.json says so.
            Map<String, Long> after = cluster.pids();
            assertThat(drill.faults()).allSatisfy(fault -> {
                assertThat(after.get(fault.member())).as(fault.member()).isPositive().isNotEqualTo(table.get(fault.member()))
                        .isEqualTo(cluster.pid(fault.member()));
                assertThat(ProcessHandle.of(after.get(fault.member())).filter(ProcessHandle::isAlive)).as(fault.member()).isPresent();
            });
            pids.addAll(after.values());
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("pid " + pid + " after the stop").isEmpty());
        System.out.printf("cluster test took %d ms in all%n", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Every topic the platform uses, the audit-sink's changelogs and the brokers' own topics: on all three brokers,
     * and a write acknowledged only once two hold it.
     */
    private static void assertReplicated(LocalCluster cluster) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            List<String> platform = Arrays.stream(Topic.values()).map(Topic::topicName).toList();
            assertThat(names).containsAll(platform).contains("__consumer_offsets", "__transaction_state");
            assertThat(names).anyMatch(name -> name.startsWith("memorylayer-audit-sink-") && name.endsWith("-changelog"));
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get(30, TimeUnit.SECONDS);
            for (String name : names) {
                assertThat(topics.get(name).partitions()).as(name)
                        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(ClusterPlan.REPLICATION_FACTOR));
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("min.insync.replicas").value())
                        .as(name).isEqualTo(Integer.toString(ClusterPlan.MIN_INSYNC_REPLICAS));
            }
        }
    }

    private static List<String> rememberAndRecall(LocalCluster cluster, String content) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> remembered = post(http, cluster, 0, "/memories", Map.of("content", content));
            assertThat(remembered.statusCode()).as(remembered.body()).isEqualTo(202);
            String token = JSON.readTree(remembered.body()).path("consistency_token").asString();
            HttpResponse<String> recalled = post(http, cluster, 1, "/recall",
                    Map.of("query", "which gateway recalled it", "limit", 10, "consistency_token", token));
            assertThat(recalled.statusCode()).as(recalled.body()).isEqualTo(200);
            List<String> contents = new ArrayList<>();
            for (JsonNode result : JSON.readTree(recalled.body()).path("results")) {
                contents.add(result.path("content").asString());
            }
            return contents;
        }
    }

    /**
     * A remember through gateway 1, applied (it waits for it), followed by its trace id: answered in {@code X-Trace-Id},
     * on gateway 1's line accepting it and on the line of whichever ingest worker applied it, two processes the trace
     * context reached only through the record's Kafka headers.
     */
    private static void assertTraceAcrossProcesses(LocalCluster cluster, Path logs) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> remembered = post(http, cluster, 0, "/memories?wait=true", Map.of("content", "Traced " + UUID.randomUUID()));
            assertThat(remembered.statusCode()).as(remembered.body()).isEqualTo(200);
            String traceId = remembered.headers().firstValue("X-Trace-Id").orElseThrow(() -> new AssertionError("no X-Trace-Id"));
            String command = JSON.readTree(remembered.body()).path("command_id").asString();
            assertThat(lines(logs, "gateway-1", command)).anySatisfy(line -> assertThat(line).contains("accepted").contains(traceId));
            // The worker logs its line right after the commit the 200 waited for: a moment may pass.
            List<String> applied = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (applied.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                applied.addAll(lines(logs, "ingest-1", command));
                applied.addAll(lines(logs, "ingest-2", command));
            }
            assertThat(applied).as("ingest lines naming " + command)
                    .anySatisfy(line -> assertThat(line).contains("applied").contains(traceId));
        }
    }

    /**
     * What an operator of the cluster watches: every service's Prometheus endpoint on its own management port (as
     * {@code cluster up}'s {@code MEMORYLAYER_METRICS} lists them) with the named series of its kind, moved where the
     * calls above moved them; the public status route with both replicas; and the workspace's own figures through the
     * other gateway, the calls made through the first counted there too.
     */
    private static void assertOperable(LocalCluster cluster) throws Exception {
        Map<String, String> scraped = new java.util.LinkedHashMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String service : ClusterPlan.serviceNames()) {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(cluster.plan().metricsUrl(service))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).as(service).isEqualTo(200);
                scraped.put(service, metrics.body());
            }
            assertThat(scraped.get("gateway-1")).containsPattern(
                    "http_server_requests_seconds_count\\{[^}]*uri=\"/v1/workspaces/\\{slug}/memories\"[^}]*} [1-9]")
                    .doesNotContain(cluster.workspace());
            assertThat(scraped.entrySet()).filteredOn(e -> e.getKey().startsWith("query-"))
                    .anySatisfy(e -> assertThat(e.getValue()).containsPattern("memorylayer_recall_seconds_count\\{[^}]*} [1-9]"));
            assertThat(scraped.entrySet()).filteredOn(e -> e.getKey().startsWith("ingest-"))
                    .anySatisfy(e -> assertThat(e.getValue()).containsPattern(
                            "memorylayer_commands_applied_total\\{[^}]*outcome=\"stored\"[^}]*} [1-9]"))
                    .allSatisfy(e -> assertThat(e.getValue()).contains("memorylayer_consumer_lag{"));
            assertThat(scraped.get(ClusterPlan.AUDIT_SINK)).contains("memorylayer_auditsink_flush_seconds_count{");

            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(cluster.gatewayUrl(1) + "/v1/service/status"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            assertThat(JSON.readTree(status.body()).path("query_replicas").asInt()).isEqualTo(ClusterPlan.QUERY_REPLICAS);
            assertThat(status.body()).doesNotContain(cluster.workspace());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode figures = null;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(cluster.gatewayUrl(1) + "/v1/workspaces/"
                        + cluster.workspace() + "/observability?window=15m")).header("Authorization", "Bearer " + cluster.apiKey())
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                figures = JSON.readTree(answer.body());
                if (figures.path("traffic").path("memories_written").asLong() >= 2 && !figures.path("latency").path("p95_ms").isNull()) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(figures.path("traffic").path("memories_written").asLong()).as(figures.toString()).isGreaterThanOrEqualTo(2);
            assertThat(figures.path("latency").path("p95_ms").isNumber()).as(figures.toString()).isTrue();
        }
    }

    private static List<String> lines(Path logs, String member, String needle) throws Exception {
        return java.nio.file.Files.readAllLines(logs.resolve(member + ".log")).stream().filter(line -> line.contains(needle)).toList();
    }

    private static HttpResponse<String> post(HttpClient http, LocalCluster cluster, int gateway, String route, Map<String, Object> body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.gatewayUrl(gateway) + "/v1/workspaces/" + cluster.workspace() + route))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + cluster.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
