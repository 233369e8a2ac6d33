package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A memory's life over the public API, through the whole platform: edit, annotate, status changes, forget and
 * restore, erase with its receipt, dedupe on write, bulk forget, batch, dedupe and consolidation, and what recall
 * sees after each change's consistency token.
 */
class CurationTest {

    static TestWorkspace ws;

    @BeforeAll
    static void workspace() {
        ws = TestPlatform.newWorkspace();
    }

    private static String path(String route) {
        return "/v1/workspaces/" + ws.slug() + route;
    }

    private static Response send(String method, String route, Object body) {
        return ws.api().send(path(route), method, body == null ? null : ApiClient.json(body),
                body == null ? null : "application/json", Map.of("X-API-Key", ws.key()));
    }

    private static Response remember(Map<String, Object> body) {
        return ws.api().post(path("/memories?wait=true"), ApiClient.json(body), Map.of("X-API-Key", ws.key()));
    }

    private static String stored(String content) {
        Response response = remember(Map.of("content", content));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body().path("outcome").asString()).isEqualTo("stored");
        return response.body().path("id").asString();
    }

    private static List<String> recall(String query, String token, Map<String, Object> filters) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("query", query, "limit", 10, "consistency_token", token));
        if (filters != null) {
            body.put("filters", filters);
        }
        Response response = ws.api().recall(body);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        response.body().path("results").forEach(r -> contents.add(r.path("content").asString()));
        return contents;
    }

    @Test
    void anEditIsWhatRecallAndReadsSeeOnceItsTokenIsSatisfied() {
        String id = stored("The quarterly planning meeting is in room Atlas");
        Response edited = send("PATCH", "/memories/" + id + "?wait=true",
                Map.of("content", "The quarterly planning meeting moved to room Borealis", "tags_add", List.of("planning"),
                        "layer", "semantic", "memory_type", "fact", "pinned", true, "if_version", 1));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.body().path("outcome").asString()).isEqualTo("updated");

        assertThat(recall("where is the quarterly planning meeting", edited.body().path("consistency_token").asString(), null))
                .contains("The quarterly planning meeting moved to room Borealis")
                .doesNotContain("The quarterly planning meeting is in room Atlas");
        JsonNode memory = send("GET", "/memories/" + id, null).body();
        assertThat(memory.path("version").asInt()).isEqualTo(2);
        assertThat(memory.path("layer").asString()).isEqualTo("semantic");
        assertThat(memory.path("pinned").asBoolean()).isTrue();
        assertThat(memory.path("history").get(0).path("old_content").asString())
                .isEqualTo("The quarterly planning meeting is in room Atlas");

        Response stale = send("PATCH", "/memories/" + id, Map.of("content", "Stale", "if_version", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("version_conflict");
    }

    @Test
    void aForgottenMemoryIsNeverRecalledAfterItsTokenEvenByARuntimeThatServedItAMomentBefore() {
        String id = stored("The wifi password at the lake house is pinecone42");
        String warm = ws.api().token(ws.api().remember("Warming the runtime with something else"));
        assertThat(recall("lake house wifi password", warm, null)).contains("The wifi password at the lake house is pinecone42");

        Response forgotten = send("DELETE", "/memories/" + id, null);
        assertThat(forgotten.status()).isEqualTo(202);
        String token = forgotten.body().path("consistency_token").asString();

        assertThat(recall("lake house wifi password", token, null)).doesNotContain("The wifi password at the lake house is pinecone42");
        // Other tests of this class forget memories in the same workspace; asked for by status, this one is among them.
        assertThat(recall("lake house wifi password", token, Map.of("status", List.of("forgotten"))))
                .contains("The wifi password at the lake house is pinecone42");
        JsonNode memory = send("GET", "/memories/" + id, null).body();
        assertThat(memory.path("status").asString()).isEqualTo("forgotten");
        assertThat(memory.path("restore_until").isNull()).isFalse();

        Response restored = send("POST", "/memories/" + id + "/restore?wait=true", null);
        assertThat(restored.status()).as(restored.raw()).isEqualTo(200);
        assertThat(recall("lake house wifi password", restored.body().path("consistency_token").asString(), null))
                .contains("The wifi password at the lake house is pinecone42");
    }

    @Test
    void anErasedMemoryIsGoneFromEveryStoreAndItsReceiptSaysWhenAndFromWhat() {
        String id = stored("My social security number is 078-05-1120");
        send("POST", "/memories/" + id + "/annotations?wait=true", Map.of("note", "sensitive"));
        String warm = ws.api().token(ws.api().remember("Another memory in the same workspace"));
        assertThat(recall("social security number", warm, null)).contains("My social security number is 078-05-1120");

        Response erased = send("DELETE", "/memories/" + id + "?erase=true&wait=true", null);
        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);

        assertThat(recall("social security number", erased.body().path("consistency_token").asString(),
                Map.of("status", List.of("active", "challenged", "invalidated", "superseded", "merged", "forgotten"))))
                .doesNotContain("My social security number is 078-05-1120");
        assertThat(send("GET", "/memories/" + id, null).status()).isEqualTo(404);
        assertThat(ws.api().get("/export").raw()).doesNotContain(id).doesNotContain("078-05-1120");
        JsonNode receipt = send("GET", "/erasures/" + id, null).body();
        assertThat(receipt.path("erased_at").isMissingNode()).isFalse();
        assertThat(receipt.path("cleared").toString()).contains("vectors").contains("lexical index").contains("annotations")
                .contains("history").contains("warm runtimes");
        assertThat(receipt.path("command_log_until").asString()).isNotBlank();
        assertThat(send("GET", "/erasures/" + UUID.randomUUID(), null).code()).isEqualTo("erasure_not_found");
    }

    @Test
    void transitionsAreCheckedAndARefusalNamesTheAllowedOnes() {
        String id = stored("Feature flags are cleaned up every sprint");
        String target = stored("Feature flags are cleaned up every second sprint since March");

        Response merged = send("POST", "/memories/" + id + "/status", Map.of("status", "merged"));
        assertThat(merged.status()).isEqualTo(400);
        assertThat(merged.body().path("details").path("field").asString()).isEqualTo("merged_into");
        Response superseded = send("POST", "/memories/" + id + "/status?wait=true",
                Map.of("status", "superseded", "superseded_by", target, "reason", "policy changed"));
        assertThat(superseded.status()).as(superseded.raw()).isEqualTo(200);

        Response refused = send("POST", "/memories/" + id + "/status", Map.of("status", "challenged"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("invalid_transition");
        assertThat(refused.body().path("details").path("allowed").toString()).isEqualTo("[\"active\",\"forgotten\"]");

        send("DELETE", "/memories/" + id + "?wait=true", null);
        Response notRestore = send("POST", "/memories/" + id + "/status", Map.of("status", "active"));
        assertThat(notRestore.status()).isEqualTo(409);
        assertThat(notRestore.body().path("message").asString()).contains("restore");
    }

    @Test
    void aDuplicateIsMergedIntoTheLiveMemoryAndItsIdSaysSoUnlessDedupeIsOff() {
        String kept = stored("Priya is allergic to shellfish");
        Response again = remember(Map.of("content", "Priya is allergic to shellfish.", "tags", List.of("health")));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("outcome").asString()).isEqualTo("merged_into:" + kept);
        JsonNode merged = send("GET", "/memories/" + again.body().path("id").asString(), null).body();
        assertThat(merged.path("status").asString()).isEqualTo("merged");
        assertThat(merged.path("merged_into").asString()).isEqualTo(kept);
        assertThat(send("GET", "/memories/" + kept, null).body().path("tags").toString()).contains("health");

        Response twice = remember(Map.of("content", "Priya is allergic to shellfish!", "dedupe", false));
        assertThat(twice.body().path("outcome").asString()).isEqualTo("stored");
    }

    @Test
    void aBulkForgetPreviewsByDefaultNeverTakesPinnedMemoriesAndRefusesAnEmptyFilter() {
        for (String content : List.of("Scratch 1: trying flags", "Scratch 2: trying other flags")) {
            remember(Map.of("content", content, "tags", List.of("scratch")));
        }
        remember(Map.of("content", "Scratch 3: but this one stays", "tags", List.of("scratch"), "pinned", true));

        Response preview = send("POST", "/memories/forget", Map.of("filters", Map.of("tags_any", List.of("scratch"))));
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        assertThat(preview.body().path("result").path("matched").asInt()).isEqualTo(2);
        assertThat(preview.body().path("result").path("sample").toString()).doesNotContain("this one stays");
        assertThat(send("POST", "/memories/forget", Map.of("filters", Map.of())).code()).isEqualTo("invalid_request");
        assertThat(send("POST", "/memories/forget", Map.of()).code()).isEqualTo("invalid_request");

        Response done = send("POST", "/memories/forget?wait=true", Map.of("filters", Map.of("tags_any", List.of("scratch")),
                "dry_run", false));
        assertThat(done.body().path("result").path("changed").asInt()).isEqualTo(2);
        JsonNode left = send("GET", "/memories?tag=scratch", null).body();
        assertThat(left.path("memories").size()).isEqualTo(1);
        assertThat(left.path("memories").get(0).path("content").asString()).isEqualTo("Scratch 3: but this one stays");
    }

    @Test
    void aBatchChangesEveryNamedMemoryAndDedupeAndConsolidateAnswerWhatTheyWouldDo() {
        String a = stored("Batch target alpha: the VPN needs a hardware key");
        String b = stored("Batch target beta: the printer is on floor three");
        Response batch = send("POST", "/memories/batch?wait=true", Map.of("ids", List.of(a, b), "tags_add", List.of("it"),
                "layer", "procedural"));
        assertThat(batch.body().path("result").path("changed").asInt()).isEqualTo(2);
        assertThat(send("GET", "/memories/" + a, null).body().path("layer").asString()).isEqualTo("procedural");

        Response dedupe = send("POST", "/memories/dedupe", Map.of("threshold", 0.99));
        assertThat(dedupe.status()).as(dedupe.raw()).isEqualTo(200);
        assertThat(dedupe.body().path("result").path("dry_run").asBoolean()).isTrue();
        Response consolidate = send("POST", "/memories/consolidate", Map.of());
        assertThat(consolidate.status()).as(consolidate.raw()).isEqualTo(200);
        assertThat(consolidate.body().path("result").has("promoted_to_semantic")).isTrue();
    }

    @Test
    void theListPagesNewestFirstAndHidesForgottenMemoriesUnlessAsked() {
        TestWorkspace own = TestPlatform.newWorkspace();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(own.api().post("/v1/workspaces/" + own.slug() + "/memories?wait=true", ApiClient.json(Map.of(
                    "content", "Listed memory number " + i, "created_at", "2026-03-0" + (i + 1) + "T10:00:00Z")),
                    Map.of("X-API-Key", own.key())).body().path("id").asString());
        }
        own.api().send("/v1/workspaces/" + own.slug() + "/memories/" + ids.get(4) + "?wait=true", "DELETE", null, null,
                Map.of("X-API-Key", own.key()));

        JsonNode first = own.api().get("/memories?limit=2").body();
        assertThat(first.path("memories").findValuesAsString("id")).containsExactly(ids.get(3), ids.get(2));
        JsonNode second = own.api().get("/memories?limit=2&cursor=" + first.path("next_cursor").asString()).body();
        assertThat(second.path("memories").findValuesAsString("id")).containsExactly(ids.get(1), ids.get(0));
        assertThat(own.api().get("/memories?status=forgotten").body().path("memories").findValuesAsString("id"))
                .containsExactly(ids.get(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"content\": 5}", "{\"unknown\": 1}", "{\"layer\": \"attic\"}", "{\"if_version\": \"one\"}",
            "{\"if_version\": 1}", "{\"tags\": \"x\"}", "{\"importance\": 2}"})
    void badEditsAreRefusedAndChangeNothing(String body) {
        String id = stored("Bad edits leave this memory alone: " + body);
        Response refused = ws.api().send(path("/memories/" + id), "PATCH", body, "application/json", Map.of("X-API-Key", ws.key()));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.code()).isIn("invalid_request", "invalid_json");
        assertThat(send("GET", "/memories/" + id, null).body().path("version").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /status {\"status\": \"asleep\"}",
        "POST /status {\"status\": 5}",
        "POST /status {}",
        "POST /status {\"status\": \"merged\", \"merged_into\": \"not-a-uuid\"}",
        "POST /annotations {\"note\": \"\"}",
        "POST /annotations {\"note\": \"x\", \"extra\": 1}",
        "POST forget {\"filters\": {\"status\": \"asleep\"}}",
        "POST forget {\"filters\": {\"nope\": 1}}",
        "POST forget {\"older_than\": \"yesterday\"}",
        "POST batch {\"tags_add\": [\"x\"]}",
        "POST batch {\"ids\": [\"not-a-uuid\"], \"tags_add\": [\"x\"]}",
        "POST batch {\"ids\": [], \"filters\": {\"kind\": \"note\"}, \"status\": \"merged\"}",
        "POST dedupe {\"threshold\": 2}",
        "POST dedupe {\"max_merges\": -1}",
        "POST consolidate {\"dry_run\": \"yes\"}"})
    void badCurationBodiesAreRefusedWithACodeAndChangeNothing(String call) {
        // Without dedupe: these contents differ in a word or two, which is what a duplicate is.
        Response created = remember(Map.of("content", "Bad curation calls leave this memory alone: " + call, "dedupe", false));
        assertThat(created.body().path("outcome").asString()).as(created.raw()).isEqualTo("stored");
        String id = created.body().path("id").asString();
        String[] parts = call.split(" ", 3);
        String route = parts[1].startsWith("/") ? "/memories/" + id + parts[1] : "/memories/" + parts[1];
        Response refused = ws.api().send(path(route), parts[0], parts[2], "application/json", Map.of("X-API-Key", ws.key()));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.code()).isIn("invalid_request", "invalid_json");
        JsonNode memory = send("GET", "/memories/" + id, null).body();
        assertThat(memory.path("version").asInt()).isEqualTo(1);
        assertThat(memory.path("status").asString()).isEqualTo("active");
        assertThat(memory.path("annotations").size()).isZero();
    }

    @Test
    void curationIsAuditedAndMeteredInUsage() throws InterruptedException {
        TestWorkspace own = TestPlatform.newWorkspace();
        String base = "/v1/workspaces/" + own.slug() + "/memories";
        Map<String, String> key = Map.of("X-API-Key", own.key());
        String edited = own.api().post(base + "?wait=true", ApiClient.json(Map.of("content", "Metered: edited")), key)
                .body().path("id").asString();
        String forgotten = own.api().post(base + "?wait=true", ApiClient.json(Map.of("content", "Metered: forgotten")), key)
                .body().path("id").asString();
        String erased = own.api().post(base + "?wait=true", ApiClient.json(Map.of("content", "Metered: erased")), key)
                .body().path("id").asString();
        own.api().send(base + "/" + edited, "PATCH", ApiClient.json(Map.of("tags_add", List.of("x"))), "application/json", key);
        own.api().send(base + "/" + forgotten, "DELETE", null, null, key);
        own.api().send(base + "/" + erased + "?erase=true", "DELETE", null, null, key);

        // The audit-sink materialises usage a moment after the calls.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        long[] totals = new long[3];
        while (System.nanoTime() < deadline) {
            totals = new long[3];
            for (JsonNode window : own.api().get("/usage?granularity=minute").body().path("windows")) {
                totals[0] += window.path("memories_edited").asLong();
                totals[1] += window.path("memories_forgotten").asLong();
                totals[2] += window.path("memories_erased").asLong();
            }
            if (totals[0] >= 1 && totals[1] >= 1 && totals[2] >= 1) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(totals).containsExactly(1, 1, 1);

        IssuedApiKey adminKey = TestPlatform.issueKey(own, Set.of(Scope.READ, Scope.ADMIN), null);
        ApiClient admin = new ApiClient(TestPlatform.get().gatewayUrl(), own.slug(), adminKey.token().value());
        List<String> routes = new ArrayList<>();
        while (System.nanoTime() < deadline && routes.size() < 6) {
            routes.clear();
            admin.get("/audit?key_id=" + own.keyId()).body().path("events").forEach(e -> {
                if (!e.path("route").asString().startsWith("GET ")) {
                    routes.add(e.path("route").asString() + " " + e.path("status").asInt());
                }
            });
            Thread.sleep(250);
        }
        assertThat(routes).containsExactly("DELETE /v1/workspaces/{slug}/memories/{id} 202",
                "DELETE /v1/workspaces/{slug}/memories/{id} 202", "PATCH /v1/workspaces/{slug}/memories/{id} 202",
                "POST /v1/workspaces/{slug}/memories 200", "POST /v1/workspaces/{slug}/memories 200",
                "POST /v1/workspaces/{slug}/memories 200");
    }

    @Test
    void anotherWorkspacesMemoryIsAsUnknownAsOneThatNeverWas() {
        TestWorkspace other = TestPlatform.newWorkspace();
        String theirs = other.api().post("/v1/workspaces/" + other.slug() + "/memories?wait=true",
                ApiClient.json(Map.of("content", "Another tenant's secret")), Map.of("X-API-Key", other.key()))
                .body().path("id").asString();

        for (Response answer : List.of(send("GET", "/memories/" + theirs, null),
                send("PATCH", "/memories/" + theirs, Map.of("content", "mine now")),
                send("DELETE", "/memories/" + theirs + "?erase=true", null),
                send("POST", "/memories/" + theirs + "/status", Map.of("status", "challenged")),
                send("GET", "/memories/" + UUID.randomUUID(), null))) {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("memory_not_found");
        }
        assertThat(other.api().get("/memories/" + theirs).body().path("content").asString()).isEqualTo("Another tenant's secret");
    }
}
