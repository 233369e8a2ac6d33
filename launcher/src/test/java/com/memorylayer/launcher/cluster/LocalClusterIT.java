package com.memorylayer.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape on this machine, driven through {@link LocalCluster} as the fault drill drives it: eleven
 * processes (three brokers, Postgres, two gateways, two query replicas, two ingest workers, the audit-sink) from the
 * services' executable jars, which is why it runs after {@code package}. A memory remembered through gateway 1 is
 * recalled through gateway 2, a SIGKILLed query replica is started again under a new pid, and after the stop not
 * one of the members' processes is left.
 */
class LocalClusterIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theClusterStartsServesAcrossGatewaysAndStopsEveryProcess(@TempDir Path home) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        long started = System.nanoTime();
        List<Long> pids = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of(root).withHome(home).withDurable(false))) {
            System.out.printf("cluster ready after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            Map<String, Long> table = cluster.pids();
            assertThat(table.keySet()).containsExactlyElementsOf(ClusterPlan.memberNames());
            assertThat(Files.readString(cluster.processesFile())).contains("\"audit-sink\": " + table.get("audit-sink"));
            pids.addAll(table.values());
            // Eleven processes, none of them this JVM.
            assertThat(pids).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

            String content = "Remembered through gateway 1, recalled through gateway 2 (" + UUID.randomUUID() + ").";
            assertThat(rememberAndRecall(cluster, content)).contains(content);

            long before = cluster.pid("query-2");
            cluster.kill("query-2");
            assertThat(ProcessHandle.of(before).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(cluster.running("query-2")).isFalse();
            cluster.start("query-2");
            assertThat(cluster.pid("query-2")).isPositive().isNotEqualTo(before);
            assertThat(cluster.pids().get("query-2")).isEqualTo(cluster.pid("query-2"));
            pids.add(cluster.pid("query-2"));
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("pid " + pid + " after the stop").isEmpty());
        System.out.printf("cluster test took %d ms in all%n", (System.nanoTime() - started) / 1_000_000);
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

    private static HttpResponse<String> post(HttpClient http, LocalCluster cluster, int gateway, String route, Map<String, Object> body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.gatewayUrl(gateway) + "/v1/workspaces/" + cluster.workspace() + route))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + cluster.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
