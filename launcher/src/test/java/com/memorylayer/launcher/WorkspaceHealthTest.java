package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A workspace's own health over the public API, through the whole platform, counted against what the test wrote. */
class WorkspaceHealthTest {

    @Test
    void theWholePlatformIsReadyWithItsModelNamed() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Response readiness = ws.api().send("/v1/readiness", "GET", null, null, Map.of());
        assertThat(readiness.status()).as(readiness.raw()).isEqualTo(200);
        assertThat(readiness.body().path("status").asString()).isEqualTo("ok");
        for (String part : List.of("database", "broker", "query_service", "embedding_model")) {
            assertThat(readiness.body().path("checks").path(part).path("status").asString()).as(part).isEqualTo("ok");
        }
        assertThat(readiness.body().path("checks").path("embedding_model").path("detail").asString()).contains("bge-small");
    }

    @Test
    void statusHealthAndStatsCountWhatTheWorkspaceHolds() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        String base = "/v1/workspaces/" + ws.slug();
        Map<String, String> key = Map.of("X-API-Key", ws.key());
        String fact = write(ws, Map.of("content", "Priya uses Kubernetes in Berlin.", "memory_type", "fact", "tags", List.of("infra")));
        write(ws, Map.of("content", "Tom painted the fence on Saturday.", "layer", "semantic"));
        String forgotten = write(ws, Map.of("content", "A note to throw away about Lisbon."));
        Response forget = ws.api().send(base + "/memories/" + forgotten + "/status?wait=true", "POST",
                ApiClient.json(Map.of("status", "forgotten", "reason", "test")), "application/json", key);
        assertThat(forget.status()).as(forget.raw()).isEqualTo(200);
        Response recalled = ws.api().recall(Map.of("query", "what does Priya use", "limit", 1));
        assertThat(recalled.body().path("results").get(0).path("id").asString()).isEqualTo(fact);

        JsonNode status = get(ws, "/status");
        assertThat(status.path("memories").path("total").asInt()).isEqualTo(3);
        assertThat(status.path("memories").path("by_layer").path("episodic").asInt()).isEqualTo(2);
        assertThat(status.path("memories").path("by_layer").path("semantic").asInt()).isEqualTo(1);
        assertThat(status.path("memories").path("by_type").path("fact").asInt()).isEqualTo(1);
        assertThat(status.path("memories").path("by_status").path("forgotten").asInt()).isEqualTo(1);
        assertThat(status.path("memories").path("by_source").path("api").asInt()).isEqualTo(3);
        assertThat(status.path("memories").path("by_month").size()).isEqualTo(1);
        // The forgotten memory no longer feeds the graph: Priya, Kubernetes, Berlin, Tom, Saturday.
        assertThat(status.path("entities").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(status.path("relations").asInt()).isPositive();
        assertThat(status.path("bytes").asLong()).isGreaterThan(8192);

        JsonNode health = get(ws, "/health");
        assertThat(health.path("status").asString()).isEqualTo("ok");
        assertThat(health.path("memories_without_vectors").asInt()).isZero();
        assertThat(health.path("entities_without_memories").asInt()).isZero();
        assertThat(health.path("runtime").path("warm").asBoolean()).as("the recall warmed it").isTrue();
        assertThat(health.path("runtime").path("indexed_memories").asInt()).isEqualTo(3);
        assertThat(health.path("embedding_models").size()).isEqualTo(1);

        // Access counts are applied by the worker a moment after the recall.
        JsonNode patterns = null;
        for (int i = 0; i < 100; i++) {
            patterns = get(ws, "/stats/access-patterns");
            if (patterns.path("memories").size() > 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(patterns.path("memories").get(0).path("id").asString()).isEqualTo(fact);
        assertThat(patterns.path("memories").get(0).path("access_count").asInt()).isEqualTo(1);

        JsonNode hot = get(ws, "/stats/hotspots?hours=2");
        assertThat(hot.path("memories").asInt()).isEqualTo(3);
        assertThat(hot.path("top").get(0).path("id").asString()).as("recalled and a fact").isEqualTo(fact);
        assertThat(hot.path("written_by_hour").size()).isBetween(1, 2);
        assertThat(ws.api().send(base + "/stats/hotspots?hours=0", "GET", null, null, key).status()).isEqualTo(400);

        JsonNode quality = get(ws, "/stats/quality");
        assertThat(quality.path("memories").asInt()).isEqualTo(2);
        assertThat(quality.path("recalled_share").asDouble()).isEqualTo(0.5);
        assertThat(quality.path("untagged_share").asDouble()).isEqualTo(0.5);
        assertThat(quality.path("duplicates_left").asInt()).isZero();
    }

    private static String write(TestWorkspace ws, Map<String, Object> body) {
        Response response = ws.api().post("/v1/workspaces/" + ws.slug() + "/memories?wait=true", ApiClient.json(body),
                Map.of("X-API-Key", ws.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("id").asString();
    }

    private static JsonNode get(TestWorkspace ws, String route) {
        Response response = ws.api().send("/v1/workspaces/" + ws.slug() + route, "GET", null, null, Map.of("X-API-Key", ws.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}
