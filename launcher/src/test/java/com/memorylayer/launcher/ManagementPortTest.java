package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every service serves its health probes and Prometheus metrics on a management port of its own, and the ports the
 * platform's callers use (the gateway's public one, the query service's internal one) never serve {@code /actuator/**}.
 */
class ManagementPortTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachServiceIsLiveReadyAndScrapedOnItsOwnManagementPort() throws Exception {
        Platform platform = TestPlatform.get();
        Map<String, ConfigurableApplicationContext> services = Map.of("gateway", platform.gateway(),
                "query-service", platform.queryService(), "ingest-worker", platform.ingestWorker(),
                "audit-sink", platform.auditSink());

        for (var service : services.entrySet()) {
            String management = Platform.managementUrl(service.getValue());
            assertThat(get(management + "/actuator/health/liveness").statusCode()).as(service.getKey()).isEqualTo(200);
            HttpResponse<String> readiness = get(management + "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(service.getKey()).isEqualTo(200);
            assertThat(readiness.body()).as(service.getKey()).contains("\"status\":\"UP\"");
            HttpResponse<String> metrics = get(management + "/actuator/prometheus");
            assertThat(metrics.statusCode()).as(service.getKey()).isEqualTo(200);
            // Tagged with the service, which tells the four apart in this one JVM.
            assertThat(metrics.body()).as(service.getKey()).contains("jvm_memory_used_bytes")
                    .contains("application=\"memorylayer-" + service.getKey() + "\"");
            // Only health and prometheus are exposed.
            assertThat(get(management + "/actuator/env").statusCode()).as(service.getKey()).isEqualTo(404);
        }
    }

    @Test
    void thePublicAndInternalPortsNeverServeTheActuator() throws Exception {
        Platform platform = TestPlatform.get();
        for (String base : new String[] {platform.gatewayUrl(), platform.queryServiceUrl()}) {
            for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator"}) {
                HttpResponse<String> answer = get(base + path);
                assertThat(answer.statusCode()).as(base + path).isIn(401, 403, 404);
                assertThat(answer.body()).as(base + path).doesNotContain("jvm_memory_used_bytes").doesNotContain("\"UP\"");
            }
        }
        // ... while the gateway's management port does serve it, so the refusal above is the port, not a broken actuator.
        assertThat(get(Platform.managementUrl(platform.gateway()) + "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
