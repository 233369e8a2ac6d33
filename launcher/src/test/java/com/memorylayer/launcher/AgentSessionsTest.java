package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Session continuity through the whole platform: two agents on one workspace keep diaries apart, a session's
 * handoff lists what it wrote, decided, got wrong, left open and asked, a checkpoint carries its note, and the
 * saved packet is a memory that resume finds (and that erasing removes).
 */
class AgentSessionsTest {

    static TestWorkspace ws;
    static String decision;
    static String error;
    static String fact;
    static String open;

    @BeforeAll
    static void twoAgents() {
        ws = TestPlatform.newWorkspace();
        diary("agent-a", "Reading the billing code to find where retries happen.");
        diary("agent-a", "TODO: wire the billing retry into the nightly job");
        diary("agent-b", "Watering the tomatoes for agent b.");
        decision = remember(Map.of("content", "Decision: keep billing on Postgres, not a queue.", "kind", "decision",
                "session_id", "agent-a"));
        error = remember(Map.of("content", "Error: the billing migration locked the invoices table; run it concurrently.",
                "kind", "error", "session_id", "agent-a"));
        fact = remember(Map.of("content", "Caroline owns the billing service.", "memory_type", "fact", "session_id", "agent-a"));
        open = remember(Map.of("content", "Pick a retry policy for failed card payments.", "tags", List.of("open"),
                "session_id", "agent-a"));
        remember(Map.of("content", "Tomatoes in the garden need water every morning.", "session_id", "agent-b"));
    }

    private static Map<String, String> key() {
        return Map.of("X-API-Key", ws.key());
    }

    private static String route(String path) {
        return "/v1/workspaces/" + ws.slug() + path;
    }

    private static void diary(String session, String entry) {
        Response written = ws.api().post(route("/sessions/" + session + "/diary?wait=true"), ApiClient.json(Map.of("entry", entry)), key());
        assertThat(written.status()).as(written.raw()).isEqualTo(200);
    }

    private static String remember(Map<String, Object> body) {
        Response response = ws.api().post(route("/memories?wait=true"), ApiClient.json(body), key());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("id").asString();
    }

    private static Response handoff(String session, Map<String, Object> body) {
        return ws.api().post(route("/sessions/" + session + "/handoff"), ApiClient.json(body), key());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(!item.isObject() ? item.asString()
                : item.has("entry") ? item.path("entry").asString() : item.path("content").asString()));
        return texts;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    /** Polls a read until it shows what an asynchronous step (a flush of recalls, a saved packet) has left. */
    private static Response eventually(String path, Predicate<Response> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Response response = ws.api().get(path);
            if (done.test(response) || System.nanoTime() > deadline) {
                return response;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDiaryIsItsSessionsAloneNewestFirst() {
        Response a = ws.api().get("/sessions/agent-a/diary");
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        assertThat(texts(a.body().path("entries"))).startsWith("TODO: wire the billing retry into the nightly job",
                "Reading the billing code to find where retries happen.").doesNotContain("Watering the tomatoes for agent b.");
        assertThat(texts(ws.api().get("/sessions/agent-b/diary").body().path("entries")))
                .containsExactly("Watering the tomatoes for agent b.");
        assertThat(ws.api().get("/sessions/agent-c/diary").body().path("entries").isEmpty()).isTrue();
        assertThat(texts(ws.api().get("/sessions/agent-a/diary?limit=1").body().path("entries"))).hasSize(1);

        Response empty = ws.api().post(route("/sessions/agent-a/diary"), ApiClient.json(Map.of("entry", " ")), key());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("invalid_request");
        assertThat(ws.api().get("/sessions/agent-a/diary?limit=0").code()).isEqualTo("invalid_request");
    }

    @Test
    void aHandoffListsWhatTheSessionWroteDecidedGotWrongLeftOpenAndAsked() {
        Response recall = ws.api().recall(Map.of("query", "billing retry policy", "session_id", "agent-a", "limit", 3));
        assertThat(recall.status()).as(recall.raw()).isEqualTo(200);
        int found = recall.body().path("results").size();
        assertThat(ws.api().recall(Map.of("query", "tomatoes", "session_id", "agent-b")).status()).isEqualTo(200);
        // Recalls are noted off the request path and flushed with the access counts.
        Response built = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            built = handoff("agent-a", Map.of("save", false));
            if (built.status() == 200 && !built.body().path("packet").path("recent_queries").isEmpty()) {
                break;
            }
            pause();
        }
        assertThat(built.status()).as(built.raw()).isEqualTo(200);
        assertThat(built.body().path("saved").asBoolean()).isFalse();
        JsonNode packet = built.body().path("packet");
        assertThat(packet.path("session_id").asString()).isEqualTo("agent-a");
        assertThat(ids(packet.path("decisions"))).containsExactly(decision);
        assertThat(ids(packet.path("errors"))).containsExactly(error);
        assertThat(ids(packet.path("facts"))).containsExactly(fact);
        assertThat(ids(packet.path("recent_work"))).containsExactly(open);
        assertThat(texts(packet.path("open_loops"))).containsExactlyInAnyOrder("Pick a retry policy for failed card payments.",
                "TODO: wire the billing retry into the nightly job");
        assertThat(texts(packet.path("recent_queries"))).containsExactly("billing retry policy (" + found + " results)");
        assertThat(texts(packet.path("touched_entities"))).contains("Caroline");
        assertThat(texts(packet.path("current_state"))).doesNotContain("Watering the tomatoes for agent b.");
        assertThat(texts(packet.path("suggested_queries"))).contains("recent work involving Caroline");
        assertThat(packet.path("summary").asString()).startsWith("Session agent-a\n2 diary entries, 1 recent queries, 4 memories written")
                .contains("Decisions: Decision: keep billing on Postgres");
        assertThat(packet.path("stats").path("memories_written").asInt()).isEqualTo(4);

        JsonNode other = handoff("agent-b", Map.of("save", false)).body().path("packet");
        assertThat(texts(other.path("recent_queries"))).doesNotContain("billing retry policy (" + found + " results)");
        assertThat(other.path("decisions").isEmpty()).isTrue();
        assertThat(texts(other.path("current_state"))).containsExactly("Watering the tomatoes for agent b.");

        Response summary = ws.api().get("/sessions/agent-a/summary");
        assertThat(summary.status()).as(summary.raw()).isEqualTo(200);
        assertThat(summary.body().path("writes").asInt()).isEqualTo(4);
        assertThat(summary.body().path("diary_entries").asInt()).isEqualTo(2);
        assertThat(texts(summary.body().path("decisions"))).containsExactly("Decision: keep billing on Postgres, not a queue.");
    }

    @Test
    void aCheckpointIsSavedAsAHandoffMemoryThatResumeFindsAndEraseRemoves() {
        Response checkpoint = ws.api().post(route("/sessions/agent-cp/checkpoint"),
                ApiClient.json(Map.of("note", "halfway through the invoices export")), key());
        assertThat(checkpoint.status()).as(checkpoint.raw()).isEqualTo(202);
        JsonNode packet = checkpoint.body().path("packet");
        assertThat(packet.path("checkpoint_note").asString()).isEqualTo("halfway through the invoices export");
        // The note's diary line was applied before the packet was built.
        assertThat(texts(packet.path("current_state"))).containsExactly("[checkpoint] halfway through the invoices export");
        String saved = checkpoint.body().path("memory_id").asString();

        Response resumed = eventually("/resume?session_id=agent-cp", r -> r.body().path("handoffs").size() == 1);
        assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
        assertThat(resumed.body().path("generated").asBoolean()).isFalse();
        assertThat(resumed.body().path("handoffs").get(0).path("memory_id").asString()).isEqualTo(saved);
        assertThat(resumed.body().path("latest").path("checkpoint_note").asString()).isEqualTo("halfway through the invoices export");
        assertThat(resumed.body().path("context").asString()).contains("Where session agent-cp left off")
                .contains("[checkpoint] halfway through the invoices export");

        Response memory = ws.api().get("/memories/" + saved);
        assertThat(memory.status()).as(memory.raw()).isEqualTo(200);
        assertThat(memory.body().path("kind").asString()).isEqualTo("handoff");
        assertThat(memory.body().path("layer").asString()).isEqualTo("episodic");
        assertThat(memory.body().path("session_id").asString()).isEqualTo("agent-cp");

        Response erased = ws.api().send(route("/memories/" + saved + "?erase=true&wait=true"), "DELETE", null, null, key());
        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
        Response after = ws.api().get("/resume?session_id=agent-cp");
        assertThat(after.body().path("handoffs").isEmpty()).isTrue();
        assertThat(after.body().path("generated").asBoolean()).isTrue();
        assertThat(after.body().path("latest").path("session_id").asString()).isEqualTo("agent-cp");
    }

    @Test
    void aSavedHandoffKeepsNothingOfAMemoryErasedAfterIt() {
        String secret = remember(Map.of("content", "Decision: the vault code is 4417, share it with nobody.", "kind", "decision",
                "session_id", "agent-erase"));
        String kept = remember(Map.of("content", "Decision: ship the invoices export on Friday.", "kind", "decision",
                "session_id", "agent-erase"));
        diary("agent-erase", "Next: tell the team about the export");
        Response saved = ws.api().post(route("/sessions/agent-erase/handoff"), ApiClient.json(Map.of("save", true)), key());
        assertThat(saved.status()).as(saved.raw()).isEqualTo(202);
        assertThat(saved.body().path("status").asString()).isEqualTo("accepted");
        assertThat(ids(saved.body().path("packet").path("decisions"))).containsExactlyInAnyOrder(secret, kept);
        String handoff = saved.body().path("memory_id").asString();
        Response before = eventually("/resume?session_id=agent-erase", r -> r.body().path("handoffs").size() == 1);
        assertThat(ids(before.body().path("latest").path("decisions"))).containsExactlyInAnyOrder(secret, kept);

        Response erased = ws.api().send(route("/memories/" + secret + "?erase=true&wait=true"), "DELETE", null, null, key());
        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);

        // The saved packet names its memories by id; their text is read when it is resumed.
        Response stored = ws.api().get("/memories/" + handoff);
        assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
        assertThat(stored.raw()).doesNotContain("4417").doesNotContain("vault").contains("Next: tell the team about the export");
        Response after = ws.api().get("/resume?session_id=agent-erase");
        assertThat(after.body().path("handoffs").get(0).path("memory_id").asString()).isEqualTo(handoff);
        assertThat(ids(after.body().path("latest").path("decisions"))).containsExactly(kept);
        assertThat(after.raw()).doesNotContain("4417");
    }

    @Test
    void resumeStaysWithinItsTokenBudget() {
        for (int budget : List.of(12, 40, 400)) {
            Response resumed = ws.api().get("/resume?session_id=agent-a&max_tokens=" + budget + "&encoding=cl100k_base");
            assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
            String context = resumed.body().path("context").asString();
            int counted = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE).countTokens(context);
            assertThat(counted).as("budget %d", budget).isLessThanOrEqualTo(budget).isEqualTo(resumed.body().path("tokens").asInt());
            if (budget == 400) {
                assertThat(context).contains("Decisions:").contains("Open loops:");
            }
        }
        assertThat(ws.api().get("/resume?max_tokens=0").code()).isEqualTo("invalid_request");
        assertThat(ws.api().get("/resume?encoding=gpt2").code()).isEqualTo("invalid_request");
    }

    @Test
    void savingAHandoffTakesTheWriteScope() {
        TestWorkspace reader = TestPlatform.newWorkspace(EnumSet.of(Scope.READ));
        Response refused = reader.api().post("/v1/workspaces/" + reader.slug() + "/sessions/s/handoff", "{}",
                Map.of("X-API-Key", reader.key()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");
        Response built = reader.api().post("/v1/workspaces/" + reader.slug() + "/sessions/s/handoff",
                ApiClient.json(Map.of("save", false)), Map.of("X-API-Key", reader.key()));
        assertThat(built.status()).as(built.raw()).isEqualTo(200);
        Response unknown = handoff("agent-a", Map.of("sav", false));
        assertThat(unknown.code()).isEqualTo("invalid_request");
    }
}
