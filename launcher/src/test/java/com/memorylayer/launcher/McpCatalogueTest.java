package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The engine's whole tool catalogue over MCP, driven by the SDK's own client (the server checks every structured
 * result against the tool's output schema before it answers, so a result of the wrong shape fails its call): the
 * seed's 60 names and ours, curation, the graph by name, statistics, maintenance and ingestion; scopes, other
 * workspaces and refusals that never echo the value sent; usage; the Token scheme Mem0's clients send; the tool's
 * name in the audit trail.
 */
class McpCatalogueTest {

    /** The seed's hosted catalogue (engine-surface §4.3), every one of which must be a tool here. */
    static final Set<String> SEED = Set.of("remember", "remember_decision", "remember_error", "remember_interaction",
            "remember_negative", "remember_project", "recall", "recall_context", "recall_hints", "recall_recent", "recall_by_type",
            "recall_layer", "recall_timeline", "recall_related", "recall_explain", "compress", "recall_entity", "search_entities",
            "entity_graph", "entity_timeline", "backlinks", "find_similar", "update_entity", "merge_entities", "link_memories",
            "detect_communities", "diary_read", "diary_write", "focus_brief", "layers", "get_skills", "session_checkpoint",
            "session_handoff", "session_summary", "resume_context", "annotate", "edit_memory", "invalidate", "update_status",
            "status_history", "tag", "batch_tag", "pin", "unpin", "forget", "promote", "demote", "dedup", "consolidate",
            "extract_patterns", "export", "status", "health", "memory_map", "quality_metrics", "count_by", "access_patterns",
            "reranker_status", "hotspots", "compare_queries");
    static final Set<String> OURS = Set.of("get_memory", "list_memories", "erase_memory", "bulk_forget", "ingest", "ingest_status");

    private static McpSyncClient client(TestWorkspace ws, String authorization) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(TestPlatform.get().gatewayUrl())
                .endpoint("/v1/workspaces/" + ws.slug() + "/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header("Authorization", authorization))
                .build();
        McpSyncClient client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation("catalogue-test", "1"))
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    private static McpSyncClient client(TestWorkspace ws) {
        return client(ws, "Bearer " + ws.key());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
        assertThat(result.isError()).as(tool + ": " + result.content()).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    private static McpSchema.CallToolResult refused(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
        assertThat(result.isError()).as(tool + " should be refused").isTrue();
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    private static String remember(McpSyncClient client, String content) {
        return (String) ok(client, "remember", Map.of("content", content)).get("id");
    }

    @Test
    void everyNameOfTheSeedsCatalogueAndOursIsAToolWithSchemasAndHints() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws)) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            Set<String> names = tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
            assertThat(names).containsAll(SEED).containsAll(OURS);
            assertThat(tools).hasSize(names.size()).hasSizeGreaterThanOrEqualTo(66);
            for (McpSchema.Tool tool : tools) {
                assertThat(tool.inputSchema()).as(tool.name()).containsEntry("additionalProperties", false);
                assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
                assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
                assertThat(tool.description()).as(tool.name()).isNotBlank();
            }
            for (String write : List.of("remember", "remember_decision", "edit_memory", "tag", "forget", "erase_memory", "dedup",
                    "merge_entities")) {
                McpSchema.Tool tool = tools.stream().filter(t -> t.name().equals(write)).findFirst().orElseThrow();
                assertThat(tool.outputSchema()).as(write).containsEntry("type", "object").containsKey("required");
            }
            assertThat(tools.stream().filter(t -> t.name().equals("erase_memory")).findFirst().orElseThrow()
                    .annotations().destructiveHint()).isTrue();
        }
    }

    @Test
    void curationToolsChangeAMemoryAndItsHistorySaysSo() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws)) {
            String id = remember(client, "The deploy script lives in ops/deploy.sh.");
            ok(client, "tag", Map.of("memory_id", id, "add", List.of("ops", "deploy")));
            ok(client, "pin", Map.of("memory_id", id));
            ok(client, "promote", Map.of("memory_id", id, "target_layer", "semantic"));
            ok(client, "annotate", Map.of("memory_id", id, "note", "checked on Monday"));
            ok(client, "edit_memory", Map.of("memory_id", id, "new_content", "The deploy script lives in ops/release.sh."));
            Map<String, Object> memory = ok(client, "get_memory", Map.of("memory_id", id));
            assertThat(memory).containsEntry("content", "The deploy script lives in ops/release.sh.").containsEntry("layer", "semantic")
                    .containsEntry("pinned", true);
            assertThat((List<String>) memory.get("tags")).containsExactlyInAnyOrder("ops", "deploy");

            ok(client, "invalidate", Map.of("memory_id", id, "reason", "the script moved again"));
            Map<String, Object> history = ok(client, "status_history", Map.of("memory_id", id));
            assertThat(history).containsEntry("status", "invalidated");
            assertThat(list(history, "history")).isNotEmpty();
            assertThat(list(ok(client, "recall", Map.of("query", "where is the deploy script")), "results")).isEmpty();
            ok(client, "update_status", Map.of("memory_id", id, "new_status", "active", "reason", "it is back"));
            ok(client, "unpin", Map.of("memory_id", id));
            ok(client, "demote", Map.of("memory_id", id, "target_layer", "episodic"));
            assertThat(ok(client, "get_memory", Map.of("memory_id", id))).containsEntry("status", "active")
                    .containsEntry("pinned", false).containsEntry("layer", "episodic");

            McpSchema.CallToolResult badStatus = refused(client, "update_status", Map.of("memory_id", id, "new_status", "sleeping"));
            assertThat(String.valueOf(badStatus.content())).contains("invalid_request", "new_status").doesNotContain("sleeping");
            McpSchema.CallToolResult badLayer = refused(client, "recall_layer", Map.of("layer", "sideways"));
            assertThat(String.valueOf(badLayer.content())).contains("invalid_request", "layer").doesNotContain("sideways");
            McpSchema.CallToolResult badFilter = refused(client, "bulk_forget", Map.of("filters", Map.of("layer", "sideways")));
            assertThat(String.valueOf(badFilter.content())).contains("invalid_request").doesNotContain("sideways");
            refused(client, "tag", Map.of("memory_id", id));
            // The route names its own fields (tags_add); the refusal names the tool's argument the caller sent.
            McpSchema.CallToolResult longTag = refused(client, "tag", Map.of("memory_id", id, "add", List.of("x".repeat(1000))));
            assertThat(String.valueOf(longTag.content())).contains("invalid_request (add)").doesNotContain("tags_add", "xxxxxxxxxx");
            assertThat((Map<String, Object>) longTag.structuredContent()).containsEntry("field", "add");
            ok(client, "erase_memory", Map.of("memory_id", id));
            assertThat(list(ok(client, "recall", Map.of("query", "deploy script")), "results")).isEmpty();
        }
    }

    @Test
    void theEnginesShortcutsListsAndExportsReadAsTheEngineWrites() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws)) {
            String decision = (String) ok(client, "remember_decision", Map.of("decision", "Use Postgres for the ledger",
                    "rationale", "we need transactions")).get("id");
            ok(client, "remember_error", Map.of("error", "The migration locked the users table", "prevention", "add indexes concurrently"));
            ok(client, "remember_project", Map.of("name", "Ledger", "status", "in review"));
            ok(client, "remember_negative", Map.of("content", "SQLite cannot hold the ledger", "scope", "production"));
            ok(client, "remember_interaction", Map.of("question", "Which database?", "answer", "Postgres"));
            refused(client, "remember_interaction", Map.of("question", "Half a pair"));
            McpSchema.CallToolResult tooLong = refused(client, "remember_decision", Map.of("decision", "y".repeat(100_000)));
            assertThat(String.valueOf(tooLong.content())).contains("invalid_request (decision)", "'decision'").doesNotContain("'content'", "yyyyyyyyyy");

            Map<String, Object> stored = ok(client, "get_memory", Map.of("memory_id", decision));
            assertThat(stored).containsEntry("content", "Decision: Use Postgres for the ledger\nRationale: we need transactions")
                    .containsEntry("layer", "procedural").containsEntry("memory_type", "procedure").containsEntry("kind", "decision");
            assertThat(list(ok(client, "recall_by_type", Map.of("memory_type", "procedure")), "memories")).extracting(m -> m.get("kind"))
                    .containsExactly("decision", "error");
            assertThat(list(ok(client, "recall_layer", Map.of("layer", "semantic")), "memories")).extracting(m -> m.get("kind"))
                    .containsExactlyInAnyOrder("project", "negative");
            Map<String, Object> skills = ok(client, "get_skills", Map.of("query", "pick a database for the ledger"));
            assertThat(skills).containsKeys("should_inject", "skill_count", "context");
            assertThat(ok(client, "get_skills", Map.of("query", "pick a database", "format", false))).doesNotContainKey("context");
            String labelled = (String) ok(client, "remember", Map.of("content", "Noted by a person.", "source_type", "remember:human"))
                    .get("id");
            assertThat((Map<String, Object>) ok(client, "get_memory", Map.of("memory_id", labelled)).get("metadata"))
                    .containsEntry("source_type", "remember:human");
            ok(client, "forget", Map.of("memory_id", labelled));
            Map<String, Object> page = ok(client, "list_memories", Map.of("limit", 2));
            assertThat(list(page, "memories")).hasSize(2);
            assertThat(page.get("next_cursor")).isNotNull();

            Map<String, Object> compressed = ok(client, "compress", Map.of("query", "ledger database", "max_tokens", 200));
            assertThat((String) compressed.get("compressed")).contains(decision);
            Map<String, Object> markdown = ok(client, "export", Map.of("layer", "procedural"));
            assertThat(markdown).containsEntry("count", 2);
            assertThat((String) markdown.get("markdown")).contains("] procedural (imp=0.80) " + decision, "Use Postgres for the ledger");
            Map<String, Object> tagged = ok(client, "batch_tag", Map.of("query", "ledger database", "tags", List.of("ledger"), "top_k", 2));
            assertThat(tagged).containsEntry("tagged", 2);
            assertThat(list(ok(client, "list_memories", Map.of("tag", "ledger")), "memories")).hasSize(2);
            Map<String, Object> counts = ok(client, "count_by", Map.of("group_by", "layer"));
            assertThat((Map<String, Object>) counts.get("counts")).containsEntry("procedural", 2).containsEntry("semantic", 2);
            McpSchema.CallToolResult colour = refused(client, "count_by", Map.of("group_by", "colour"));
            assertThat(String.valueOf(colour.content())).contains("invalid_request", "group_by").doesNotContain("colour");
            McpSchema.CallToolResult tooMany = refused(client, "recall", Map.of("query", "x", "top_k", 1000));
            assertThat(String.valueOf(tooMany.content())).contains("invalid_request", "top_k").doesNotContain("1000");
        }
    }

    @Test
    void theGraphIsReadAndCuratedByName() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws)) {
            String first = remember(client, "Priya uses Kubernetes for the billing service in Berlin.");
            String second = remember(client, "Priya and Tom moved the billing service to Kubernetes last spring.");
            remember(client, "Jolene visited Tom in Lisbon.");

            Map<String, Object> priya = ok(client, "recall_entity", Map.of("name", "PRIYA"));
            assertThat(priya).containsEntry("name", "Priya");
            assertThat(list(priya, "memories")).extracting(m -> m.get("id")).containsExactly(first, second);
            assertThat(list(ok(client, "recall_related", Map.of("name", "Priya", "max_hops", 2)), "related"))
                    .extracting(n -> n.get("name")).contains("Tom", "Kubernetes", "Jolene").doesNotContain("Priya");
            assertThat(list(ok(client, "entity_graph", Map.of("name", "Priya", "depth", 1)), "nodes")).extracting(n -> n.get("name"))
                    .contains("Tom").doesNotContain("Jolene");
            assertThat(list(ok(client, "entity_timeline", Map.of("name", "Tom")), "memories")).hasSize(2);
            assertThat(list(ok(client, "backlinks", Map.of("memory_id", first)), "backlinks")).extracting(b -> b.get("id")).contains(second);

            ok(client, "update_entity", Map.of("name", "Priya", "alias", "P. Sharma"));
            refused(client, "update_entity", Map.of("name", "Priya", "metadata", Map.of("team", "billing")));
            assertThat(ok(client, "recall_entity", Map.of("name", "p. sharma"))).containsEntry("name", "Priya");
            ok(client, "merge_entities", Map.of("source_name", "Jolene", "target_name", "Tom"));
            assertThat(ok(client, "recall_entity", Map.of("name", "Jolene"))).containsEntry("name", "Tom");
            McpSchema.CallToolResult unknown = refused(client, "entity_graph", Map.of("name", "Nobody Atall"));
            assertThat(String.valueOf(unknown.content())).contains("entity_not_found");
            assertThat(ok(client, "link_memories", Map.of("memory_id_1", first, "memory_id_2", second, "relation", "FOLLOWS")))
                    .containsEntry("status", "applied");
            assertThat(ok(client, "detect_communities", Map.of("min_size", 2))).containsKey("communities");
            refused(client, "detect_communities", Map.of("generate_summaries", true));
        }
    }

    @Test
    void statisticsMaintenanceAndIngestionRunAsTools() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws)) {
            String fix = (String) ok(client, "remember", Map.of("content", "Error: the build failed because the cache was stale; fixed by"
                    + " clearing ~/.m2 first", "kind", "error")).get("id");
            remember(client, "The team lunch is on Fridays.");
            ok(client, "recall", Map.of("query", "why did the build fail"));

            Map<String, Object> map = ok(client, "memory_map", Map.of());
            assertThat((Map<String, Object>) map.get("layers")).containsKeys("working", "episodic", "semantic", "procedural");
            assertThat((Map<String, Object>) map.get("last_hour")).containsEntry("written", 2);
            assertThat(ok(client, "quality_metrics", Map.of())).containsEntry("memories", 2);
            assertThat(recalledSoon(client, fix)).as("access counts reach the workspace within 30 s").isTrue();
            assertThat(ok(client, "hotspots", Map.of("hours", 1.5))).containsEntry("memories", 2);
            assertThat(ok(client, "reranker_status", Map.of())).containsEntry("reachable", true).containsKey("reranker");

            Map<String, Object> preview = ok(client, "extract_patterns", Map.of("hours", 1, "dry_run", true));
            assertThat(list(preview, "patterns")).extracting(p -> p.get("source_memory_id")).containsExactly(fix);
            Map<String, Object> extracted = ok(client, "extract_patterns", Map.of("hours", 1));
            String pattern = (String) list(extracted, "patterns").getFirst().get("memory_id");
            assertThat(ok(client, "get_memory", Map.of("memory_id", pattern))).containsEntry("layer", "procedural")
                    .containsEntry("kind", "pattern");
            assertThat(list(ok(client, "extract_patterns", Map.of("hours", 1, "dry_run", true)), "patterns"))
                    .as("a pattern already said is not said again").isEmpty();

            assertThat(ok(client, "dedup", Map.of("dry_run", true))).containsEntry("status", "applied");
            assertThat(ok(client, "consolidate", Map.of("dry_run", true))).containsEntry("status", "applied");
            Map<String, Object> wouldForget = ok(client, "bulk_forget", Map.of("filters", Map.of("kind", "pattern")));
            assertThat((Map<String, Object>) wouldForget.get("result")).containsEntry("dry_run", true);
            ok(client, "bulk_forget", Map.of("filters", Map.of("kind", "pattern"), "confirm", true));
            assertThat(ok(client, "get_memory", Map.of("memory_id", pattern))).containsEntry("status", "forgotten");

            Map<String, Object> run = ok(client, "ingest", Map.of("items", List.of(Map.of("content", "Ingested over MCP, one."),
                    Map.of("content", "Ingested over MCP, two.")), "source_name", "mcp-test"));
            String runId = String.valueOf(run.get("run_id"));
            assertThat(ok(client, "ingest_status", Map.of("run_id", runId))).containsEntry("run_id", runId).containsEntry("items_accepted", 2);
            McpSchema.CallToolResult noRun = refused(client, "ingest_status", Map.of("run_id", "not-a-run"));
            assertThat(String.valueOf(noRun.content())).contains("invalid_request", "run_id").doesNotContain("not-a-run");
        }
    }

    @Test
    void aReadKeyCannotRunAWriteToolAndAnotherWorkspacesIdsAndNamesAreNotFound() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        TestWorkspace other = TestPlatform.newWorkspace();
        TestWorkspace reader = TestPlatform.newWorkspace(java.util.EnumSet.of(com.memorylayer.gateway.access.Scope.READ));
        String theirs;
        try (McpSyncClient client = client(other)) {
            theirs = remember(client, "Priya uses Kubernetes for the billing service in Berlin.");
        }
        try (McpSyncClient client = client(ws)) {
            assertThat(String.valueOf(refused(client, "get_memory", Map.of("memory_id", theirs)).content())).contains("memory_not_found");
            assertThat(String.valueOf(refused(client, "recall_entity", Map.of("name", "Priya")).content())).contains("entity_not_found");
            assertThat(String.valueOf(refused(client, "erase_memory", Map.of("memory_id", theirs)).content())).contains("memory_not_found");
            assertThat(list(ok(client, "recall", Map.of("query", "Kubernetes billing")), "results")).isEmpty();
        }
        try (McpSyncClient client = client(reader)) {
            for (Map.Entry<String, Map<String, Object>> write : Map.<String, Map<String, Object>>of(
                    "bulk_forget", Map.of("confirm", true, "layer", "episodic"), "erase_memory", Map.of("memory_id", theirs),
                    "dedup", Map.of(), "merge_entities", Map.of("source_name", "a", "target_name", "b"),
                    "ingest", Map.of("content", "no"), "tag", Map.of("memory_id", theirs, "add", List.of("x")),
                    "extract_patterns", Map.of(), "remember_decision", Map.of("decision", "no")).entrySet()) {
                assertThat(String.valueOf(refused(client, write.getKey(), write.getValue()).content())).as(write.getKey())
                        .contains("insufficient_scope", "write");
            }
            assertThat(ok(client, "export", Map.of("limit", 500))).containsEntry("count", 0);
            refused(client, "export", Map.of("limit", 501));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void toolCallsCountInUsageAsTheirRoutesDo() throws InterruptedException {
        TestWorkspace ws = TestPlatform.newWorkspace(java.util.EnumSet.allOf(com.memorylayer.gateway.access.Scope.class));
        try (McpSyncClient client = client(ws)) {
            ok(client, "remember_decision", Map.of("decision", "Ship on Tuesdays"));
            ok(client, "remember", Map.of("content", "Error: the release failed on a Friday", "kind", "error"));
            ok(client, "batch_tag", Map.of("query", "release day", "tags", List.of("release")));
            ok(client, "extract_patterns", Map.of("hours", 1, "dry_run", true));
        }
        // Usage travels the log to the audit-sink; the day's window fills in a moment later.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode window = null;
        while (System.nanoTime() < deadline) {
            Response usage = ws.api().send("/v1/workspaces/" + ws.slug() + "/usage?granularity=day", "GET", null, null,
                    Map.of("X-API-Key", ws.key()));
            window = usage.body().path("windows").path(0);
            // Two remembers; one recall for batch_tag, and one nearest-procedure look-up for the one pattern candidate
            // (the error: the decision is procedural already, so it is no candidate).
            if (window.path("memories_written").asInt() >= 2 && window.path("recalls").asInt() >= 2) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(window).isNotNull();
        assertThat(window.path("memories_written").asInt()).as(String.valueOf(window)).isEqualTo(2);
        assertThat(window.path("recalls").asInt()).as(String.valueOf(window)).isEqualTo(2);
        assertThat(window.path("memories_edited").asInt()).as(String.valueOf(window)).isEqualTo(2);
    }

    @Test
    void theEnginesSessionToolsWorkWithoutASessionIdOnTheWorkspacesSharedSession() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws)) {
            ok(client, "diary_write", Map.of("entry", "TODO: rotate the staging keys"));
            assertThat(list(ok(client, "diary_read", Map.of()), "entries")).extracting(e -> e.get("entry"))
                    .containsExactly("TODO: rotate the staging keys");
            assertThat(list(ok(client, "diary_read", Map.of("session_id", "default")), "entries")).hasSize(1);
            assertThat(list(ok(client, "diary_read", Map.of("session_id", "another-agent")), "entries")).isEmpty();
            assertThat(ok(client, "session_checkpoint", Map.of("note", "keys half rotated"))).containsEntry("saved", true);
            assertThat((String) ok(client, "resume_context", Map.of()).get("context")).contains("[checkpoint] keys half rotated");
            assertThat(ok(client, "session_summary", Map.of())).containsKey("diary_entries");
        }
    }

    @Test
    void noToolFailsInternallyOnMissingWrongOrEmptyArguments() {
        List<McpSchema.Tool> tools;
        try (McpSyncClient client = client(TestPlatform.newWorkspace())) {
            tools = client.listTools().tools();
        }
        // Four calls a tool: a workspace (and its key) per 20 tools stays under the 240-a-minute rate limit.
        for (int from = 0; from < tools.size(); from += 20) {
            probe(tools.subList(from, Math.min(tools.size(), from + 20)));
        }
    }

    @SuppressWarnings("unchecked")
    private static void probe(List<McpSchema.Tool> tools) {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = client(ws)) {
            remember(client, "Priya uses Kubernetes for the billing service in Berlin.");
            for (McpSchema.Tool tool : tools) {
                Map<String, Object> properties = (Map<String, Object>) tool.inputSchema().getOrDefault("properties", Map.of());
                Map<String, Object> wrong = new java.util.LinkedHashMap<>();
                Map<String, Object> blank = new java.util.LinkedHashMap<>();
                properties.forEach((name, schema) -> {
                    Object type = ((Map<String, Object>) schema).get("type");
                    wrong.put(name, "string".equals(type) ? (Object) 12345 : "not-a-" + type);
                    blank.put(name, switch (String.valueOf(type)) {
                        case "string" -> name.endsWith("_id") || name.endsWith("id_1") || name.endsWith("id_2")
                                ? java.util.UUID.randomUUID().toString() : "";
                        case "integer", "number" -> 0;
                        case "boolean" -> false;
                        case "array" -> List.of();
                        default -> Map.of();
                    });
                });
                for (Map<String, Object> arguments : List.of(Map.<String, Object>of(), wrong, blank)) {
                    McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool.name())
                            .arguments(arguments).build());
                    String text = String.valueOf(result.content());
                    assertThat(text).as(tool.name() + " " + arguments).doesNotContain("internal_error", "Exception", "\tat ");
                    if (Boolean.TRUE.equals(result.isError())) {
                        assertThat(((Map<String, Object>) result.structuredContent()).get("code")).as(tool.name() + " " + arguments)
                                .isNotNull();
                    }
                }
                if (!properties.isEmpty()) {
                    McpSchema.CallToolResult wrongTypes = client.callTool(McpSchema.CallToolRequest.builder(tool.name())
                            .arguments(wrong).build());
                    assertThat(wrongTypes.isError()).as(tool.name() + " with every argument of the wrong type").isTrue();
                    assertThat(String.valueOf(wrongTypes.content())).as(tool.name()).contains("invalid_request").doesNotContain("12345");
                }
            }
        }
    }

    /** Recall counts travel the log in batches (the query service flushes them), so they show up a moment later. */
    private static boolean recalledSoon(McpSyncClient client, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (list(ok(client, "access_patterns", Map.of("limit", 5)), "memories").stream().anyMatch(m -> id.equals(m.get("id")))) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void mem0sTokenSchemeWorksAndTheAuditRowNamesTheTool() throws InterruptedException {
        // Reading the audit trail takes the admin scope.
        TestWorkspace ws = TestPlatform.newWorkspace(java.util.EnumSet.allOf(com.memorylayer.gateway.access.Scope.class));
        try (McpSyncClient client = client(ws, "Token " + ws.key())) {
            ok(client, "recall", Map.of("query", "anything at all"));
        }
        Response bridged = ws.api().post("/v1/workspaces/" + ws.slug() + "/tools/status", "{}",
                Map.of("Authorization", "Token " + ws.key()));
        assertThat(bridged.status()).as(bridged.raw()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> tools = Set.of();
        String seen = "";
        while (System.nanoTime() < deadline && !tools.containsAll(Set.of("recall", "status"))) {
            Thread.sleep(200);
            Response audit = ws.api().send("/v1/workspaces/" + ws.slug() + "/audit", "GET", null, null, Map.of("X-API-Key", ws.key()));
            seen = audit.raw();
            tools = new java.util.HashSet<>();
            for (JsonNode event : audit.body().path("events")) {
                if (!event.path("tool").isNull() && !event.path("tool").isMissingNode()) {
                    tools.add(event.path("route").asString().endsWith("/mcp") || event.path("route").asString().endsWith("/tools/{name}")
                            ? event.path("tool").asString() : "wrong route for " + event.path("tool").asString());
                }
            }
        }
        assertThat(tools).as(seen).contains("recall", "status");
    }
}
