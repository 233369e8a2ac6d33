package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The seed's skill flow for an agent that never names a session, over the HTTP tool bridge and over MCP: what it
 * writes and asks counts for the workspace's shared session, so its handoff holds the decision it made, the work it
 * did, the line it left open and the question it asked; after a checkpoint the next packet starts afresh; and an
 * agent that names its own session stays out of the shared one, and the shared one out of it.
 */
class SessionlessContinuityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Calls one tool and answers its result as JSON. */
    private interface Tools {
        JsonNode call(String tool, Map<String, Object> arguments);
    }

    private static Tools bridge(TestWorkspace ws) {
        return (tool, arguments) -> {
            Response answer = ws.api().post("/v1/workspaces/" + ws.slug() + "/tools/" + tool, ApiClient.json(arguments),
                    Map.of("X-API-Key", ws.key()));
            assertThat(answer.status()).as(tool + ": " + answer.raw()).isBetween(200, 202);
            return answer.body();
        };
    }

    private static McpSyncClient mcp(TestWorkspace ws) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(TestPlatform.get().gatewayUrl())
                .endpoint("/v1/workspaces/" + ws.slug() + "/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + ws.key()))
                .build();
        return McpClient.sync(transport).clientInfo(new McpSchema.Implementation("seed-flow-test", "1"))
                .requestTimeout(Duration.ofSeconds(30)).build();
    }

    private static Tools over(McpSyncClient client) {
        return (tool, arguments) -> {
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
            assertThat(result.isError()).as(tool + ": " + result.content()).isFalse();
            return MAPPER.valueToTree(result.structuredContent());
        };
    }

    @Test
    void theSeedFlowOverTheToolBridgeHandsOffTheDecision() {
        seedFlow(bridge(TestPlatform.newWorkspace()));
    }

    @Test
    void theSeedFlowOverMcpHandsOffTheDecision() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        try (McpSyncClient client = mcp(ws)) {
            client.initialize();
            seedFlow(over(client));
        }
    }

    /** The seed's skill: remember a decision and some work, write a diary line, ask, hand off; none names a session. */
    private static void seedFlow(Tools tools) {
        tools.call("remember_decision", Map.of("decision", "We chose Postgres over Mongo for the ledger"));
        tools.call("remember", Map.of("content", "The ledger service now writes its entries through one repository class."));
        tools.call("diary_write", Map.of("entry", "todo: migrate the ledger tables"));
        tools.call("recall", Map.of("query", "which database holds the ledger"));

        // The recall is noted off the request path (within a second); the writes above were applied before they answered.
        JsonNode packet = eventually(() -> tools.call("session_handoff", Map.of("save", false)).path("packet"),
                p -> p.path("recent_queries").size() > 0);
        assertThat(packet.path("session_id").asString()).isEqualTo("default");
        assertThat(contents(packet.path("decisions"))).anyMatch(c -> c.contains("We chose Postgres over Mongo for the ledger"));
        assertThat(contents(packet.path("recent_work"))).anyMatch(c -> c.contains("one repository class"));
        assertThat(packet.path("stats").path("memories_written").asInt()).isEqualTo(2);
        assertThat(texts(packet.path("open_loops"))).anyMatch(l -> l.contains("todo: migrate the ledger tables"));
        assertThat(texts(packet.path("recent_queries"))).singleElement().asString().startsWith("which database holds the ledger (");

        // A checkpoint closes the span: the next packet holds only what came after it.
        JsonNode checkpoint = tools.call("session_checkpoint", Map.of("note", "ledger decision made, migration still open"));
        assertThat(checkpoint.path("saved").asBoolean()).isTrue();
        JsonNode resumed = eventually(() -> tools.call("resume_context", Map.of()), r -> r.path("handoffs").size() == 1);
        assertThat(resumed.path("context").asString()).contains("We chose Postgres over Mongo for the ledger");

        tools.call("remember", Map.of("content", "The ledger tables were migrated to the new partitioned layout."));
        JsonNode after = tools.call("session_handoff", Map.of("save", false)).path("packet");
        assertThat(contents(after.path("recent_work"))).singleElement().asString().contains("partitioned layout");
        assertThat(after.path("decisions").size()).isZero();
        assertThat(after.path("stats").path("memories_written").asInt()).isEqualTo(1);
        assertThat(texts(after.path("recent_queries"))).isEmpty();
    }

    @Test
    void anAgentNamingItsSessionAndTheSharedSessionStayApart() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Tools tools = bridge(ws);
        tools.call("remember_decision", Map.of("decision", "Invoices are rendered server-side", "session_id", "agent-named"));
        tools.call("recall", Map.of("query", "how are invoices rendered", "session_id", "agent-named"));
        tools.call("remember_decision", Map.of("decision", "Reports are cached for an hour"));
        tools.call("recall", Map.of("query", "how long are reports cached"));

        JsonNode named = eventually(() -> tools.call("session_handoff", Map.of("session_id", "agent-named", "save", false))
                .path("packet"), p -> p.path("recent_queries").size() > 0);
        assertThat(contents(named.path("decisions"))).singleElement().asString().contains("Invoices are rendered server-side");
        assertThat(texts(named.path("recent_queries"))).singleElement().asString().startsWith("how are invoices rendered (");

        JsonNode shared = eventually(() -> tools.call("session_handoff", Map.of("save", false)).path("packet"),
                p -> p.path("recent_queries").size() > 0);
        assertThat(contents(shared.path("decisions"))).singleElement().asString().contains("Reports are cached for an hour");
        assertThat(texts(shared.path("recent_queries"))).singleElement().asString().startsWith("how long are reports cached (");
    }

    @Test
    void aReadKeysRecallIsNotListedInTheSharedSession() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        String readKey = TestPlatform.issueKey(ws, Set.of(Scope.READ), null).token().value();
        Response read = ws.api().post("/v1/workspaces/" + ws.slug() + "/tools/recall",
                ApiClient.json(Map.of("query", "a reader's private question")), Map.of("X-API-Key", readKey));
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        Tools writer = bridge(ws);
        writer.call("recall", Map.of("query", "a writer's question"));

        JsonNode packet = eventually(() -> writer.call("session_handoff", Map.of("save", false)).path("packet"),
                p -> p.path("recent_queries").size() > 0);
        // Both recalls were flushed together (one flush a second): the writer's is there, the reader's never is.
        assertThat(texts(packet.path("recent_queries"))).singleElement().asString().startsWith("a writer's question (");
    }

    private static List<String> contents(JsonNode items) {
        List<String> contents = new ArrayList<>();
        items.forEach(item -> contents.add(item.path("content").asString()));
        return contents;
    }

    private static List<String> texts(JsonNode lines) {
        List<String> texts = new ArrayList<>();
        lines.forEach(line -> texts.add(line.asString()));
        return texts;
    }

    /** Repeats a read until it shows what an asynchronous step (a flush of recalls, a saved packet) has left. */
    private static JsonNode eventually(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode answer = read.get();
            if (done.test(answer) || System.nanoTime() > deadline) {
                return answer;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
