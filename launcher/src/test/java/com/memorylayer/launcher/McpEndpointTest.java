package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint driven by the official MCP Java SDK's own client over Streamable HTTP, through the whole platform:
 * initialise, list tools, remember → recall, a diary line → resume, and the refusals (a read key on a write tool,
 * another workspace's key, a foreign Origin, the stream it does not have).
 */
class McpEndpointTest {

    private static McpSyncClient client(TestWorkspace ws, String slug, String key) {
        return client(slug, key, "");
    }

    private static McpSyncClient client(String slug, String key, String query) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(TestPlatform.get().gatewayUrl())
                .endpoint("/v1/workspaces/" + slug + "/mcp" + query)
                .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + key))
                .build();
        return McpClient.sync(transport).clientInfo(new McpSchema.Implementation("memorylayer-test", "1"))
                .requestTimeout(Duration.ofSeconds(30)).build();
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRealClientInitialisesListsToolsRemembersAndRecalls() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws, ws.slug(), ws.key())) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(init.serverInfo().name()).isEqualTo("memorylayer");

            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name)
                    .contains("remember", "recall", "recall_context", "diary_write", "diary_read", "resume_context");
            McpSchema.Tool remember = tools.stream().filter(t -> t.name().equals("remember")).findFirst().orElseThrow();
            assertThat(remember.inputSchema()).containsEntry("additionalProperties", false).containsEntry("required", List.of("content"));
            assertThat(remember.annotations().readOnlyHint()).isFalse();

            Map<String, Object> stored = structured(call(client, "remember",
                    Map.of("content", "The billing service moved to Postgres in May.", "tags", List.of("billing"))));
            assertThat(stored).containsEntry("status", "applied");
            Map<String, Object> found = structured(call(client, "recall", Map.of("query", "where does billing keep its data", "top_k", 1)));
            List<Map<String, Object>> results = (List<Map<String, Object>>) found.get("results");
            assertThat(results).hasSize(1);
            assertThat(results.getFirst()).containsEntry("id", stored.get("id"))
                    .containsEntry("content", "The billing service moved to Postgres in May.");
            Map<String, Object> context = structured(call(client, "recall_context", Map.of("query", "billing", "max_tokens", 200)));
            assertThat((String) context.get("context")).contains((String) stored.get("id"));

            McpSchema.CallToolResult unknownField = call(client, "recall", Map.of("query", "billing", "limit_to", 3));
            assertThat(unknownField.isError()).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDiaryLineComesBackInTheNextSessionsResume() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws, ws.slug(), ws.key())) {
            client.initialize();
            structured(call(client, "diary_write", Map.of("session_id", "mcp-agent", "entry", "TODO: finish the invoices export")));
            Map<String, Object> diary = structured(call(client, "diary_read", Map.of("session_id", "mcp-agent")));
            assertThat((List<Map<String, Object>>) diary.get("entries")).extracting(e -> e.get("entry"))
                    .containsExactly("TODO: finish the invoices export");
            Map<String, Object> resumed = structured(call(client, "resume_context", Map.of("session_id", "mcp-agent")));
            assertThat((String) resumed.get("context")).contains("TODO: finish the invoices export");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEnginesVariantsAndACheckpointThatTheNextSessionResumesFrom() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws, ws.slug(), ws.key())) {
            client.initialize();
            String march = (String) structured(call(client, "remember", Map.of("content", "The team shipped search in March.",
                    "created_at", "2026-03-10T00:00:00Z", "session_id", "cp-agent"))).get("id");
            String april = (String) structured(call(client, "remember", Map.of("content", "The team shipped billing in April.",
                    "created_at", "2026-04-10T00:00:00Z"))).get("id");
            Map<String, Object> inMarch = structured(call(client, "recall_timeline", Map.of("start", "2026-03")));
            assertThat((List<Map<String, Object>>) inMarch.get("results")).extracting(r -> r.get("id")).containsExactly(march);
            Map<String, Object> near = structured(call(client, "find_similar", Map.of("memory_id", march, "top_k", 1)));
            assertThat((List<Map<String, Object>>) near.get("results")).extracting(r -> r.get("id")).containsExactly(april);
            assertThat(call(client, "recall_timeline", Map.of("start", "March")).isError()).isTrue();

            Map<String, Object> checkpoint = structured(call(client, "session_checkpoint",
                    Map.of("session_id", "cp-agent", "note", "search shipped, billing next")));
            assertThat(checkpoint).containsEntry("saved", true).containsKey("memory_id");
            Map<String, Object> resumed = structured(call(client, "resume_context", Map.of("session_id", "cp-agent")));
            assertThat((String) resumed.get("context")).contains("[checkpoint] search shipped, billing next");
            Map<String, Object> summary = structured(call(client, "session_summary", Map.of("session_id", "cp-agent")));
            assertThat(summary).containsEntry("writes", 1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMemoryIsEditedReadForgottenAndItsEntitiesFound() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws, ws.slug(), ws.key())) {
            client.initialize();
            String id = (String) structured(call(client, "remember", Map.of("content", "Caroline runs the billing service."))).get("id");
            assertThat(structured(call(client, "edit_memory", Map.of("memory_id", id, "content", "Caroline runs the search service."))))
                    .containsEntry("status", "applied");
            Map<String, Object> memory = structured(call(client, "get_memory", Map.of("memory_id", id)));
            assertThat(memory).containsEntry("content", "Caroline runs the search service.").containsEntry("version", 2);
            Map<String, Object> entities = structured(call(client, "search_entities", Map.of("query", "carol")));
            assertThat((List<Map<String, Object>>) entities.get("entities")).extracting(e -> e.get("name")).contains("Caroline");
            Map<String, Object> status = structured(call(client, "status", Map.of()));
            assertThat((Map<String, Object>) status.get("memories")).containsEntry("total", 1);

            assertThat(structured(call(client, "forget", Map.of("memory_id", id)))).containsEntry("status", "applied");
            Map<String, Object> after = structured(call(client, "recall", Map.of("query", "who runs search")));
            assertThat((List<Map<String, Object>>) after.get("results")).isEmpty();
            McpSchema.CallToolResult missing = call(client, "get_memory", Map.of("memory_id", "not-an-id"));
            assertThat(missing.isError()).isTrue();
            assertThat(String.valueOf(missing.content())).contains("invalid_request").doesNotContain("not-an-id");
        }
    }

    @Test
    void profilesListFewerTools() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient all = client(ws.slug(), ws.key(), "");
                McpSyncClient core = client(ws.slug(), ws.key(), "?tools=core");
                McpSyncClient read = client(ws.slug(), ws.key(), "?tools=read")) {
            List<McpSchema.Tool> every = all.listTools().tools();
            assertThat(core.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("remember", "recall", "recall_context", "get_memory", "edit_memory", "forget",
                            "resume_context", "session_checkpoint", "search_entities", "status");
            List<McpSchema.Tool> readOnly = read.listTools().tools();
            assertThat(readOnly).isNotEmpty().hasSizeLessThan(every.size())
                    .allMatch(t -> Boolean.TRUE.equals(t.annotations().readOnlyHint()));
            assertThat(every).extracting(McpSchema.Tool::name).containsAll(McpCatalogueTest.SEED).containsAll(McpCatalogueTest.OURS);
            assertThat(every).extracting(McpSchema.Tool::name).contains("remember", "get_memory", "recall",
                    "recall_context", "edit_memory", "forget", "search_entities", "status", "health",
                    "recall_hints", "recall_recent", "recall_timeline", "find_similar", "recall_explain", "focus_brief",
                    "compare_queries", "layers", "get_skills", "session_summary", "session_handoff", "session_checkpoint",
                    "diary_write", "diary_read", "resume_context");
        }
        Response unknown = ws.api().post("/v1/workspaces/" + ws.slug() + "/mcp?tools=few", "{}", Map.of("X-API-Key", ws.key()));
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void theSeedsBridgeRunsTheSameToolsAsRestCalls() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Map<String, String> key = Map.of("X-API-Key", ws.key());
        String tools = "/v1/workspaces/" + ws.slug() + "/tools";
        Response listed = ws.api().send(tools, "GET", null, null, key);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(listed.body().path("tools").size()).isEqualTo(McpCatalogueTest.SEED.size() + McpCatalogueTest.OURS.size());
        assertThat(listed.body().path("groups").toString())
                .isEqualTo("[\"curation\",\"graph\",\"health\",\"ingest\",\"memory\",\"sessions\"]");

        Response stored = ws.api().post(tools + "/remember", ApiClient.json(Map.of("content", "The bridge stores memories too.")), key);
        assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
        assertThat(stored.body().path("status").asString()).isEqualTo("applied");
        Response found = ws.api().post(tools + "/recall", ApiClient.json(Map.of("query", "what does the bridge store", "top_k", 1)), key);
        assertThat(found.body().path("results").get(0).path("id").asString()).isEqualTo(stored.body().path("id").asString());

        Response tooMany = ws.api().post(tools + "/recall", ApiClient.json(Map.of("query", "x", "top_k", 1000)), key);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.code()).isEqualTo("invalid_request");
        assertThat(tooMany.body().path("message").asString()).contains("top_k").doesNotContain("1000");
        assertThat(ws.api().post(tools + "/no_such_tool", "{}", key).status()).isEqualTo(404);
        TestWorkspace reader = TestPlatform.newWorkspace(EnumSet.of(Scope.READ));
        Response refused = reader.api().post("/v1/workspaces/" + reader.slug() + "/tools/remember",
                ApiClient.json(Map.of("content", "no")), Map.of("X-API-Key", reader.key()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");
    }

    @Test
    void aReadKeyIsRefusedOnAWriteToolAndReadsStill() {
        TestWorkspace reader = TestPlatform.newWorkspace(EnumSet.of(Scope.READ));
        try (McpSyncClient client = client(reader, reader.slug(), reader.key())) {
            client.initialize();
            McpSchema.CallToolResult refused = call(client, "remember", Map.of("content", "not allowed"));
            assertThat(refused.isError()).isTrue();
            assertThat(String.valueOf(refused.content())).contains("insufficient_scope").contains("write");
            assertThat(call(client, "recall", Map.of("query", "anything")).isError()).isFalse();
        }
    }

    @Test
    void anotherWorkspacesKeyAForeignOriginAndAStreamAreRefused() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        TestWorkspace other = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws, ws.slug(), other.key())) {
            assertThatThrownBy(client::initialize).isNotNull();
        }
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}";
        Response foreign = ws.api().post("/v1/workspaces/" + ws.slug() + "/mcp", initialize,
                Map.of("X-API-Key", ws.key(), "Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        Response plain = ws.api().post("/v1/workspaces/" + ws.slug() + "/mcp", initialize,
                Map.of("Authorization", "Bearer " + ws.key(), "Accept", "application/json"));
        assertThat(plain.status()).as(plain.raw()).isEqualTo(200);
        assertThat(plain.body().path("result").path("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertThat(plain.headers().firstValue("Mcp-Session-Id")).isEmpty();
        Response notJson = ws.api().post("/v1/workspaces/" + ws.slug() + "/mcp", "not json", Map.of("X-API-Key", ws.key()));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("invalid_json");
        assertThat(notJson.raw()).doesNotContain("stackTrace");
        // Key-only: no OAuth protected-resource metadata, which would make clients ignore the configured key header.
        Response keyless = ws.api().post("/v1/workspaces/" + ws.slug() + "/mcp", initialize, Map.of());
        assertThat(keyless.status()).isEqualTo(401);
        assertThat(keyless.headers().firstValue("WWW-Authenticate").orElse("")).doesNotContain("resource_metadata");
        for (String wellKnown : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/v1/workspaces/"
                + ws.slug() + "/mcp", "/.well-known/oauth-authorization-server")) {
            assertThat(ws.api().send(wellKnown, "GET", null, null, Map.of()).status()).as(wellKnown).isEqualTo(404);
        }
        Response stream = ws.api().send("/v1/workspaces/" + ws.slug() + "/mcp", "GET", null, null, Map.of("X-API-Key", ws.key()));
        assertThat(stream.status()).isEqualTo(405);
        assertThat(stream.code()).isEqualTo("method_not_allowed");
    }
}
