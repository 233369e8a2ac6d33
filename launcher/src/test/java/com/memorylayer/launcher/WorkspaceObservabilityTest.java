package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /observability} answers a workspace's own figures from what the audit-sink materialised (gateway →
 * Kafka → audit-sink → Postgres → gateway), for a read key; {@code GET /v1/service/status} answers anyone, with
 * counts only.
 */
class WorkspaceObservabilityTest {

    private static final String REMEMBER = "POST /v1/workspaces/{slug}/memories";
    private static final String RECALL = "POST /v1/workspaces/{slug}/recall";

    private static TestWorkspace ws;
    private static ApiClient reader;

    @BeforeAll
    static void makeCalls() {
        ws = TestPlatform.newWorkspace();
        IssuedApiKey readOnly = TestPlatform.issueKey(ws, Set.of(Scope.READ), null);
        reader = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), readOnly.token().value());
        String token = null;
        for (int i = 0; i < 3; i++) {
            token = ws.api().token(ws.api().remember("observed memory number " + i));
        }
        ws.api().recallContents("observed memory", 3, token);
        ws.api().recallContents("observed memory again", 3, null);
        // A client error, counted in the usage windows (a 400 is not an audited refusal).
        assertThat(ws.api().remember(Map.of("content", "   ")).status()).isEqualTo(400);
    }

    @Test
    void aReadKeySeesTheWorkspacesCallsRoutesLatencyAndRuntime() {
        JsonNode figures = await("", body -> calls(body.path("most_called_routes")).getOrDefault(REMEMBER, 0L) >= 3
                && calls(body.path("most_called_routes")).getOrDefault(RECALL, 0L) >= 2
                && body.path("traffic").path("client_errors").asLong() >= 1);

        assertThat(figures.path("window").asString()).isEqualTo("1h");
        Map<String, Long> mostCalled = calls(figures.path("most_called_routes"));
        assertThat(mostCalled).containsEntry(REMEMBER, 3L).containsEntry(RECALL, 2L);
        assertThat(mostCalled.keySet()).allSatisfy(route -> assertThat(route).doesNotContain(ws.slug()));

        JsonNode traffic = figures.path("traffic");
        assertThat(traffic.path("requests").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(traffic.path("memories_written").asLong()).isEqualTo(3);
        assertThat(traffic.path("recalls").asLong()).isEqualTo(2);
        assertThat(traffic.path("failure_rate").asDouble()).isGreaterThan(0).isLessThan(1);

        JsonNode latency = figures.path("latency");
        assertThat(latency.path("audited_calls").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(latency.path("p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(latency.path("p95_ms").asDouble());

        JsonNode slowest = figures.path("slowest_routes");
        assertThat(slowest.size()).isPositive();
        for (int i = 1; i < slowest.size(); i++) {
            assertThat(slowest.get(i - 1).path("p95_ms").asDouble()).isGreaterThanOrEqualTo(slowest.get(i).path("p95_ms").asDouble());
        }
        assertThat(figures.path("runtime").path("reachable").asBoolean()).isTrue();
        assertThat(figures.path("runtime").path("warm").asBoolean()).isTrue();
        assertThat(figures.path("ingest_runs").isArray()).isTrue();
    }

    @Test
    void limitBoundsTheRouteListsAndAnUnknownWindowIsRefused() {
        JsonNode one = await("?limit=1&window=15m", body -> body.path("most_called_routes").size() >= 1);
        assertThat(one.path("most_called_routes").size()).isEqualTo(1);
        assertThat(one.path("slowest_routes").size()).isEqualTo(1);
        assertThat(one.path("window").asString()).isEqualTo("15m");

        Response refused = reader.get("/observability?window=2h");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid_request");
        assertThat(refused.body().path("message").asString()).contains("15m", "7d");
    }

    @Test
    void aKeyWithoutReadIsRefused() {
        IssuedApiKey writeOnly = TestPlatform.issueKey(ws, Set.of(Scope.WRITE), null);
        Response refused = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), writeOnly.token().value()).get("/observability");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");
    }

    @Test
    void theServiceStatusIsPublicAndNamesNoTenant() {
        ApiClient anonymous = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), "");
        Response status = anonymous.send("/v1/service/status", "GET", (String) null, null, Map.of());

        assertThat(status.status()).as(status.raw()).isEqualTo(200);
        JsonNode body = status.body();
        assertThat(body.path("version").asString()).isNotBlank();
        assertThat(body.path("uptime_seconds").asLong()).isPositive();
        assertThat(body.path("query_replicas").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(body.path("replicas_ready").asInt()).isGreaterThanOrEqualTo(1);
        // The recalls above warmed this workspace on its replica, which reports its cap too.
        assertThat(body.path("warm_workspaces").asInt()).isPositive();
        assertThat(body.path("max_warm_workspaces").asInt()).isGreaterThanOrEqualTo(body.path("warm_workspaces").asInt());
        assertThat(status.raw()).doesNotContain(ws.slug(), ws.workspace().id().toString(), "http://");
    }

    private static Map<String, Long> calls(JsonNode routes) {
        Map<String, Long> calls = new HashMap<>();
        routes.forEach(route -> calls.put(route.path("route").asString(), route.path("calls").asLong()));
        return calls;
    }

    private static JsonNode await(String query, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response last;
        do {
            last = reader.get("/observability" + query);
            assertThat(last.status()).as(last.raw()).isEqualTo(200);
            if (done.test(last.body())) {
                return last.body();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        return last.body();
    }
}
