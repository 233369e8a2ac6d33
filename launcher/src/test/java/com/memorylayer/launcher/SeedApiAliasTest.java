package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed service's {@code /api/...} routes, called with the seed's own request shapes, answer in the seed's
 * shapes through our routes: same keys, scopes and audit trail, each answer marked deprecated with its successor.
 */
class SeedApiAliasTest {

    private static final String FACT = "Priya Sharma leads the billing team in Berlin.";

    private static TestWorkspace ws;
    private static ApiClient client;
    private static String readOnlyKey;

    @BeforeAll
    static void workspace() {
        ws = TestPlatform.newWorkspace(Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN));
        client = ws.api();
        readOnlyKey = TestPlatform.issueKey(ws, Set.of(Scope.READ), null).token().value();
    }

    @Test
    void rememberSearchRecentExportAndStatusAnswerInTheSeedsShapes() {
        Response remembered = post("/remember", Map.of("content", FACT, "layer", "semantic", "memory_type", "fact"));
        assertThat(remembered.status()).as(remembered.raw()).isEqualTo(200);
        assertThat(remembered.body().path("workspace").asString()).isEqualTo(ws.slug());
        // Applied before it answers, as the seed's engine had stored it: a search right after finds it.
        assertThat(remembered.body().path("result").path("status").asString()).isEqualTo("applied");
        String token = remembered.body().path("result").path("consistency_token").asString();
        assertThat(token).isNotBlank();
        assertDeprecated(remembered, "/v1/workspaces/" + ws.slug() + "/memories");
        // Waits on our own route until the write is applied, so the aliases below read it.
        assertThat(client.recallContents("billing team", 5, token)).contains(FACT);

        Response search = post("/search", Map.of("query", "who leads billing?", "top_k", 3));
        assertThat(search.status()).as(search.raw()).isEqualTo(200);
        assertThat(search.body().path("workspace").asString()).isEqualTo(ws.slug());
        assertThat(contents(search.body().path("results"))).contains(FACT);
        assertThat(search.body().path("results").size()).isBetween(1, 3);
        assertDeprecated(search, "/v1/workspaces/" + ws.slug() + "/recall");

        Response recent = get("/memories/recent?limit=5", ws.key());
        assertThat(recent.status()).as(recent.raw()).isEqualTo(200);
        assertThat(recent.body().path("workspace").asString()).isEqualTo(ws.slug());
        assertThat(contents(recent.body().path("memories"))).contains(FACT);
        JsonNode memory = null;
        for (JsonNode m : recent.body().path("memories")) {
            memory = m.path("content").asString().equals(FACT) ? m : memory;
        }
        assertThat(memory.propertyNames()).containsExactlyInAnyOrder("id", "content", "layer", "importance", "created_at");
        assertThat(memory.path("layer").asString()).isEqualTo("semantic");

        Response export = get("/export/recent?limit=1", ws.key());
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        assertThat(export.body().path("exported_at").asString()).isNotBlank();
        assertThat(export.body().path("memories").size()).isEqualTo(1);

        Response status = get("/status", ws.key());
        assertThat(status.status()).as(status.raw()).isEqualTo(200);
        assertThat(status.body().path("workspace").asString()).isEqualTo(ws.slug());
        assertThat(status.body().path("stats").isObject()).isTrue();
        assertThat(status.body().path("stats").size()).isPositive();
        assertDeprecated(status, "/v1/workspaces/" + ws.slug() + "/status");
    }

    @Test
    void ingestPreviewAndRunsAnswerInTheSeedsShapes() {
        // The seed's own batch-ingest example.
        Map<String, Object> batch = Map.of("source_name", "handoff.md", "source_type", "handoff",
                "items", List.of("Deployment completed", "Follow up on billing UI"), "layer", "episodic", "memory_type", "fact");
        Response ingest = post("/ingest", batch);
        assertThat(ingest.status()).as(ingest.raw()).isEqualTo(200);
        JsonNode summary = ingest.body().path("ingest");
        assertThat(summary.path("source_name").asString()).isEqualTo("handoff.md");
        assertThat(summary.path("source_type").asString()).isEqualTo("handoff");
        assertThat(summary.path("item_count").asInt()).isEqualTo(2);
        assertThat(summary.path("character_count").asInt()).isEqualTo("Deployment completed".length() + "Follow up on billing UI".length());
        assertThat(summary.path("layer").asString()).isEqualTo("episodic");
        assertThat(summary.path("memory_type").asString()).isEqualTo("fact");
        assertDeprecated(ingest, "/v1/workspaces/" + ws.slug() + "/ingest");

        // Text split by lines; a layer outside the seed's four falls back to episodic, as the seed's did.
        Response text = post("/ingest", Map.of("content", "- first line\n- second line\n- third line", "split_mode", "lines",
                "layer", "nowhere"));
        assertThat(text.status()).as(text.raw()).isEqualTo(200);
        assertThat(text.body().path("ingest").path("item_count").asInt()).isEqualTo(3);
        assertThat(text.body().path("ingest").path("layer").asString()).isEqualTo("episodic");
        assertThat(text.body().path("ingest").path("source_name").asString()).isEqualTo("api import");

        Response preview = post("/ingest/preview", Map.of("content", "alpha paragraph\n\nbeta paragraph that is longer",
                "split_mode", "paragraphs"));
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.body().path("split_mode").asString()).isEqualTo("paragraphs");
        JsonNode shown = preview.body().path("ingest_preview");
        assertThat(shown.path("item_count").asInt()).isEqualTo(2);
        assertThat(shown.path("character_count").asInt()).isEqualTo("alpha paragraph".length() + "beta paragraph that is longer".length());
        assertThat(shown.path("largest_item_chars").asInt()).isEqualTo("beta paragraph that is longer".length());
        List<String> previewed = new ArrayList<>();
        shown.path("preview").forEach(p -> previewed.add(p.asString()));
        assertThat(previewed).containsExactly("alpha paragraph", "beta paragraph that is longer");

        JsonNode runs = await(() -> get("/ingest/runs?limit=5", ws.key()), r -> r.body().path("runs").size() >= 2);
        assertThat(runs.path("workspace").asString()).isEqualTo(ws.slug());
        assertThat(runs.path("runs").get(0).has("source_name")).isTrue();
    }

    @Test
    void activityAndConnectionAliasesAnswer() {
        Response audit = get("/audit?limit=5", ws.key());
        assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
        assertThat(audit.body().path("events").isArray()).isTrue();

        Response usage = get("/usage", ws.key());
        assertThat(usage.status()).as(usage.raw()).isEqualTo(200);
        assertThat(usage.body().path("summary").has("total_calls")).isTrue();
        assertThat(usage.body().path("events").isArray()).isTrue();

        Response observability = get("/observability?limit=250", ws.key());
        assertThat(observability.status()).as(observability.raw()).isEqualTo(200);
        assertThat(observability.body().has("traffic")).isTrue();

        Response bootstrap = get("/bootstrap", readOnlyKey);
        assertThat(bootstrap.status()).as(bootstrap.raw()).isEqualTo(200);
        assertThat(bootstrap.body().path("workspace").asString()).isEqualTo(ws.slug());
        assertDeprecated(bootstrap, "/v1/workspaces/" + ws.slug() + "/bootstrap");

        Response connect = get("/connect", readOnlyKey);
        assertThat(connect.status()).as(connect.raw()).isEqualTo(200);
        assertThat(connect.body().isObject()).isTrue();

        Response agentConfig = get("/agent-config", readOnlyKey);
        assertThat(agentConfig.status()).as(agentConfig.raw()).isEqualTo(200);
        assertThat(agentConfig.body().path("workspace").asString()).isEqualTo(ws.slug());
        assertThat(agentConfig.body().path("env").asString()).contains("MEMORYLAYER_URL");
        assertThat(agentConfig.body().path("codex_toml").asString()).contains("memorylayer");
        assertThat(agentConfig.body().path("claude_skill").asString()).contains("memorylayer-" + ws.slug());

        Response codex = get("/codex.toml", readOnlyKey);
        assertThat(codex.status()).isEqualTo(200);
        assertThat(codex.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        Response skill = get("/claude-skill.md", readOnlyKey);
        assertThat(skill.status()).isEqualTo(200);
        assertThat(skill.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        Response env = get("/env", readOnlyKey);
        assertThat(env.status()).isEqualTo(200);
        assertThat(env.raw()).contains("MEMORYLAYER_URL=", "MEMORYLAYER_WORKSPACE=" + ws.slug());
    }

    @Test
    void theBridgeCallsToolsAndListsThemInTheSeedsShapes() {
        Response call = post("/mcp", Map.of("tool", "recall_recent", "args", Map.of("limit", 5)));
        assertThat(call.status()).as(call.raw()).isEqualTo(200);
        assertThat(call.body().path("workspace").asString()).isEqualTo(ws.slug());
        assertThat(call.body().path("tool").asString()).isEqualTo("recall_recent");
        assertThat(call.body().path("result").isObject()).isTrue();
        assertDeprecated(call, "/v1/workspaces/" + ws.slug() + "/tools");

        Response tools = get("/mcp/tools", ws.key());
        assertThat(tools.status()).as(tools.raw()).isEqualTo(200);
        assertThat(tools.body().path("transport").asString()).isEqualTo("http-json");
        assertThat(tools.body().path("call_url").asString()).endsWith("/api/workspaces/" + ws.slug() + "/mcp");
        assertThat(tools.body().path("tools").size()).isGreaterThanOrEqualTo(60);
        JsonNode recall = null;
        for (JsonNode tool : tools.body().path("tools")) {
            if (tool.path("name").asString().equals("recall")) {
                recall = tool;
            }
        }
        assertThat(recall).isNotNull();
        assertThat(recall.path("summary").asString()).isNotBlank();
        assertThat(recall.path("args").path("query").asString()).startsWith("string");
    }

    @Test
    void publicAliasesAnswerWithoutAKey() {
        for (String path : List.of("/api/health", "/api/service/status", "/api/service/manifest", "/api/mcp/manifest",
                "/api/skills", "/api/sdk-snippets", "/api/playbooks", "/api/examples")) {
            Response r = client.send(path, "GET", null, null, Map.of());
            assertThat(r.status()).as(path + ": " + r.raw()).isEqualTo(200);
            assertThat(r.body().isObject()).as(path).isTrue();
            assertThat(r.headers().firstValue("Deprecation")).as(path).isPresent();
        }
        Response health = client.send("/api/health", "GET", null, null, Map.of());
        assertThat(health.body().path("status").asString()).isEqualTo("ok");
        assertThat(health.headers().firstValue("Link").orElseThrow()).isEqualTo("</healthz>; rel=\"successor-version\"");
        Response mcpManifest = client.send("/api/mcp/manifest", "GET", null, null, Map.of());
        assertThat(mcpManifest.body().path("tools").size()).isGreaterThanOrEqualTo(60);
        assertThat(mcpManifest.body().path("tool_groups").isObject()).isTrue();
        assertThat(mcpManifest.body().path("call_url").asString()).endsWith("/api/workspaces/{slug}/mcp");

        String name = client.send("/api/skills", "GET", null, null, Map.of()).body().path("skills").get(0).path("name").asString();
        Response skill = client.send("/api/skills/" + name, "GET", null, null, Map.of());
        assertThat(skill.status()).isEqualTo(200);
        assertThat(skill.body().path("name").asString()).isEqualTo(name);
        Response markdown = client.send("/api/skills/" + name + ".md", "GET", null, null, Map.of());
        assertThat(markdown.status()).isEqualTo(200);
        assertThat(markdown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        assertThat(markdown.headers().firstValue("Link").orElseThrow()).isEqualTo("</v1/skills/" + name + ".md>; rel=\"successor-version\"");
        Response missing = client.send("/api/skills/no-such-skill", "GET", null, null, Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("detail").asString()).isNotBlank();
    }

    @Test
    void keysAreCheckedAsOnOurRoutes() {
        Response missing = send("/status", "GET", null, Map.of());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().path("detail").asString()).isNotBlank();
        assertThat(missing.code()).isEqualTo("missing_api_key");
        assertThat(missing.headers().firstValue("Deprecation")).isPresent();

        Response wrong = send("/status", "GET", null, Map.of("Authorization", "Bearer ml_not_a_real_key"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_api_key");

        assertThat(send("/status", "GET", null, Map.of("X-API-Key", ws.key())).status()).isEqualTo(200);
        assertThat(send("/status", "GET", null, Map.of("Authorization", "Token " + ws.key())).status()).isEqualTo(200);

        // Another workspace's key is refused as on our routes, and a read key may not write or read the audit log.
        TestWorkspace other = TestPlatform.newWorkspace();
        assertThat(send("/status", "GET", null, Map.of("Authorization", "Bearer " + other.key())).status()).isEqualTo(404);
        assertThat(post("/remember", Map.of("content", "read keys cannot write"), readOnlyKey).status()).isEqualTo(403);
        assertThat(get("/audit", readOnlyKey).status()).isEqualTo(403);
    }

    @Test
    void overLimitBodiesGetTheSeedsRefusals() {
        assertInvalid(post("/search", Map.of("query", "q".repeat(501))), "query");
        assertInvalid(post("/search", Map.of("query", "billing", "top_k", 51)), "top_k");
        assertInvalid(post("/search", Map.of("top_k", 5)), "query");
        assertInvalid(post("/remember", Map.of("content", "c".repeat(20_001))), "content");
        assertInvalid(post("/ingest", Map.of("items", IntStream.range(0, 101).mapToObj(i -> "item " + i).toList())), "items");
        assertInvalid(post("/ingest", Map.of("items", List.of("x".repeat(20_001)))), "items");
        assertInvalid(post("/ingest", Map.of("content", "y".repeat(200_001))), "content");
        assertInvalid(post("/ingest/preview", Map.of("items", List.of())), "items");
        assertInvalid(get("/memories/recent?limit=101", ws.key()), "limit");
        assertInvalid(get("/export/recent?limit=0", ws.key()), "limit");

        Response unsupported = post("/mcp", Map.of("tool", "scan_codebase", "args", Map.of()));
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.body().path("detail").asString()).contains("scan_codebase");
        Response badArgs = post("/mcp", Map.of("tool", "recall", "args", Map.of("query", "x", "top_k", "many")));
        assertThat(badArgs.status()).isEqualTo(400);
        assertThat(badArgs.body().path("detail").asString()).contains("top_k");
        Response noTool = post("/mcp", Map.of("args", Map.of()));
        assertThat(noTool.status()).isEqualTo(400);
        assertThat(noTool.body().path("detail").asString()).isEqualTo("tool is required");
    }

    @Test
    void aliasCallsAreAuditedAndMeteredUnderTheAliasRoute() {
        TestWorkspace fresh = TestPlatform.newWorkspace(Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN));
        Response status = fresh.api().send("/api/workspaces/" + fresh.slug() + "/status", "GET", null, null,
                Map.of("Authorization", "Bearer " + fresh.key()));
        assertThat(status.status()).isEqualTo(200);
        Response search = fresh.api().post("/api/workspaces/" + fresh.slug() + "/search",
                ApiClient.json(Map.of("query", "anything")), Map.of("Authorization", "Bearer " + fresh.key()));
        assertThat(search.status()).as(search.raw()).isEqualTo(200);

        JsonNode audit = await(() -> fresh.api().get("/audit?limit=50"), r -> routes(r.body()).containsAll(
                List.of("GET /api/workspaces/{slug}/status 200", "POST /api/workspaces/{slug}/search 200")));
        assertThat(routes(audit)).noneMatch(route -> route.startsWith("GET /v1/workspaces/{slug}/status")
                || route.startsWith("POST /v1/workspaces/{slug}/recall"));
        // Metered like any call: the day's window counts both alias calls (and the audit reads made since).
        JsonNode usage = await(() -> fresh.api().get("/usage"),
                r -> totalRequests(r.body()) >= 2 && r.body().path("windows").get(0).path("recalls").asInt() >= 1);
        assertThat(usage.path("windows").get(0).path("recalls").asInt()).isEqualTo(1);
    }

    @Test
    void theOpenApiDocumentMarksEveryAliasDeprecated() {
        JsonNode document = client.send("/openapi.json", "GET", null, null, Map.of()).body();
        Map<String, Boolean> deprecated = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/api/")) {
                path.getValue().properties().forEach(op -> deprecated.put(op.getKey() + " " + path.getKey(),
                        op.getValue().path("deprecated").asBoolean(false)));
            }
        });
        assertThat(deprecated).containsKeys("post /api/workspaces/{slug}/search", "post /api/workspaces/{slug}/mcp",
                "get /api/workspaces/{slug}/mcp/tools", "get /api/skills/{name}.md", "get /api/health");
        assertThat(deprecated).hasSize(29);
        assertThat(deprecated.values()).containsOnly(true);
        assertThat(document.path("paths").path("/v1/workspaces/{slug}/recall").path("post").path("deprecated").asBoolean(false))
                .isFalse();
    }

    private static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.body().path("detail").asString()).isNotBlank();
        assertThat(response.body().path("details").path("field").asString()).isEqualTo(field);
        assertThat(response.headers().firstValue("Deprecation")).isPresent();
    }

    private static void assertDeprecated(Response response, String successor) {
        assertThat(response.headers().firstValue("Deprecation").orElseThrow()).matches("@\\d+");
        assertThat(response.headers().firstValue("Link").orElseThrow()).isEqualTo("<" + successor + ">; rel=\"successor-version\"");
    }

    private static Response post(String route, Object body) {
        return post(route, body, ws.key());
    }

    private static Response post(String route, Object body, String key) {
        return client.post("/api/workspaces/" + ws.slug() + route, ApiClient.json(body), Map.of("Authorization", "Bearer " + key));
    }

    private static Response get(String route, String key) {
        return send(route, "GET", null, Map.of("Authorization", "Bearer " + key));
    }

    private static Response send(String route, String method, String body, Map<String, String> headers) {
        return client.send("/api/workspaces/" + ws.slug() + route, method, body, body == null ? null : "application/json",
                new HashMap<>(headers));
    }

    private static List<String> contents(JsonNode items) {
        List<String> contents = new ArrayList<>();
        items.forEach(item -> contents.add(item.path("content").asString()));
        return contents;
    }

    private static List<String> routes(JsonNode auditPage) {
        List<String> routes = new ArrayList<>();
        auditPage.path("events").forEach(e -> routes.add(e.path("route").asString() + " " + e.path("status").asInt()));
        return routes;
    }

    private static long totalRequests(JsonNode usagePage) {
        long total = 0;
        for (JsonNode window : usagePage.path("windows")) {
            total += window.path("requests").asLong();
        }
        return total;
    }

    private static JsonNode await(java.util.function.Supplier<Response> call, Predicate<Response> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response last;
        do {
            last = call.get();
            if (last.status() == 200 && done.test(last)) {
                return last.body();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not reached within 60 s; last answer " + last.status() + ": " + last.raw());
    }
}
