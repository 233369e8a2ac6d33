package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bulk ingestion through the whole platform: runs with per-item outcomes, text split into items that fit the
 * embedder's window, preview, append and close, import of an export, and a worker crash in the middle of a run.
 */
class IngestRunTest {

    private static final Duration APPLIED_WITHIN = Duration.ofMinutes(3);
    /** Export needs the admin scope. */
    private static final Set<Scope> ADMIN = Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN);

    private static Response send(TestWorkspace ws, String method, String route, Object body) {
        return ws.api().send("/v1/workspaces/" + ws.slug() + route, method, body == null ? null : ApiClient.json(body),
                body == null ? null : "application/json", Map.of("X-API-Key", ws.key()));
    }

    private static Response importLines(TestWorkspace ws, String query, String lines) {
        return ws.api().send("/v1/workspaces/" + ws.slug() + "/import" + query, "POST", lines, "application/x-ndjson",
                Map.of("X-API-Key", ws.key()));
    }

    /** Polls the run until the predicate holds; the run as last seen. */
    private static JsonNode awaitRun(TestWorkspace ws, String runId, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + APPLIED_WITHIN.toNanos();
        JsonNode run;
        do {
            Response response = send(ws, "GET", "/ingest/runs/" + runId, null);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            run = response.body();
            if (done.test(run)) {
                return run;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("run " + runId + " did not get there in time: " + run);
    }

    private static JsonNode awaitFinished(TestWorkspace ws, String runId) throws InterruptedException {
        return awaitRun(ws, runId, r -> r.path("finished_at").isString());
    }

    private static List<JsonNode> items(TestWorkspace ws, String runId, String outcome) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Response page = send(ws, "GET", "/ingest/runs/" + runId + "/items?limit=7" + (outcome == null ? "" : "&outcome=" + outcome)
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("items").forEach(items::add);
            cursor = page.body().path("next_cursor").isString() ? page.body().path("next_cursor").asString() : null;
        } while (cursor != null);
        return items;
    }

    private static List<JsonNode> memories(TestWorkspace ws) {
        List<JsonNode> memories = new ArrayList<>();
        String cursor = null;
        do {
            Response page = send(ws, "GET", "/memories?status=active,challenged,invalidated,superseded,merged,forgotten&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("memories").forEach(memories::add);
            cursor = page.body().path("next_cursor").isString() ? page.body().path("next_cursor").asString() : null;
        } while (cursor != null);
        return memories;
    }

    @Test
    void itemsAreAppliedOneByOneAndAMalformedItemIsRejectedWithItsIndexWhileTheRestGoOn() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        List<Object> items = new ArrayList<>();
        items.add(Map.of("content", "The staging database moved to eu-west-2", "tags", List.of("infra"), "kind", "decision"));
        items.add(Map.of("content", "", "tags", List.of("empty")));
        items.add(Map.of("content", "Deploys freeze on Fridays after 3pm", "importance", 1.5));
        items.add(Map.of("content", "Rotate the signing key every 90 days", "memory_type", "procedure", "layer", "procedural",
                "session_id", "handbook", "metadata", Map.of("page", 12)));
        items.add("just a string");
        items.add(Map.of("content", "Alice owns the billing service", "colour", "blue"));
        Response accepted = send(ws, "POST", "/ingest", Map.of("items", items, "source_name", "handbook.md",
                "source_type", "notes", "tags", List.of("handbook"), "dedupe", false));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().path("items").asInt()).isEqualTo(6);
        assertThat(accepted.body().path("rejected").asInt()).isEqualTo(4);
        assertThat(accepted.body().path("status").asString()).isEqualTo("accepted");
        String runId = accepted.body().path("run_id").asString();

        // Open until closed: nothing more may come before.
        JsonNode open = awaitRun(ws, runId, r -> r.path("items_applied").asInt() + r.path("items_rejected").asInt() == 6);
        assertThat(open.path("status").asString()).isEqualTo("open");
        assertThat(open.path("progress").asDouble()).isEqualTo(1.0);
        Response closed = send(ws, "POST", "/ingest/runs/" + runId + "/close", null);
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        JsonNode run = awaitFinished(ws, runId);
        assertThat(run.path("status").asString()).isEqualTo("completed_with_errors");
        assertThat(run.path("source_name").asString()).isEqualTo("handbook.md");
        assertThat(run.path("source_type").asString()).isEqualTo("notes");
        assertThat(run.path("items_accepted").asInt()).isEqualTo(6);
        assertThat(run.path("items_applied").asInt()).isEqualTo(2);
        assertThat(run.path("items_rejected").asInt()).isEqualTo(4);
        assertThat(run.path("errors")).hasSize(4);
        assertThat(run.path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(run.path("errors").get(0).path("code").asString()).isEqualTo("invalid_request");
        assertThat(run.path("errors").get(1).path("index").asInt()).isEqualTo(2);
        assertThat(run.path("errors").get(1).path("message").asString()).contains("importance");
        assertThat(run.path("errors").get(2).path("code").asString()).isEqualTo("invalid_json");
        assertThat(run.path("errors").get(3).path("message").asString()).contains("colour");

        // Every item's outcome, page by page; nothing is dropped silently.
        List<JsonNode> all = items(ws, runId, null);
        assertThat(all).extracting(i -> i.path("index").asInt()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(items(ws, runId, "rejected")).extracting(i -> i.path("index").asInt()).containsExactly(1, 2, 4, 5);
        List<JsonNode> stored = items(ws, runId, "stored");
        assertThat(stored).extracting(i -> i.path("index").asInt()).containsExactly(0, 3);

        // The stored ones are memories like any other, with the run as their source and the run's tags added.
        JsonNode procedure = send(ws, "GET", "/memories/" + stored.get(1).path("memory_id").asString(), null).body();
        assertThat(procedure.path("content").asString()).isEqualTo("Rotate the signing key every 90 days");
        assertThat(procedure.path("source").asString()).isEqualTo("ingest:" + runId);
        assertThat(procedure.path("memory_type").asString()).isEqualTo("procedure");
        assertThat(procedure.path("layer").asString()).isEqualTo("procedural");
        assertThat(procedure.path("session_id").asString()).isEqualTo("handbook");
        assertThat(procedure.path("metadata").path("page").asInt()).isEqualTo(12);
        assertThat(procedure.path("tags")).extracting(JsonNode::asString).containsExactly("handbook");
        JsonNode decision = send(ws, "GET", "/memories/" + stored.get(0).path("memory_id").asString(), null).body();
        assertThat(decision.path("tags")).extracting(JsonNode::asString).containsExactly("handbook", "infra");
        assertThat(ws.api().recallContents("where is the staging database", 1, null))
                .containsExactly("The staging database moved to eu-west-2");

        // A closed run takes nothing more; runs are listed newest first.
        Response late = send(ws, "POST", "/ingest/runs/" + runId + "/items", Map.of("items", List.of(Map.of("content", "late"))));
        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("run_closed");
        Response list = send(ws, "GET", "/ingest/runs", null);
        assertThat(list.body().path("runs").get(0).path("run_id").asString()).isEqualTo(runId);
    }

    @Test
    void aRunIsMeteredByTheItemsItWritesAndEmbeds() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Response accepted = send(ws, "POST", "/ingest", Map.of("items", List.of(Map.of("content", "Metered note one"),
                Map.of("content", "Metered note two", "metadata", Map.of("reviewed", "yes", "by", java.util.Collections.singletonMap("x", null))),
                Map.of("content", "Metered note three", "metadata", java.util.Collections.singletonMap("optional", null)),
                Map.of("content", "   "))));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().path("rejected").asInt()).as(accepted.raw()).isEqualTo(1);
        String runId = accepted.body().path("run_id").asString();
        send(ws, "POST", "/ingest/runs/" + runId + "/close", null);
        assertThat(awaitFinished(ws, runId).path("items_applied").asInt()).isEqualTo(3);
        // A null inside metadata is kept as a null, not refused.
        String third = items(ws, runId, "stored").get(2).path("memory_id").asString();
        assertThat(send(ws, "GET", "/memories/" + third, null).body().path("metadata").has("optional")).isTrue();

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        long[] totals = new long[2];
        while (System.nanoTime() < deadline) {
            totals = new long[2];
            for (JsonNode window : ws.api().get("/usage?granularity=minute").body().path("windows")) {
                totals[0] += window.path("memories_written").asLong();
                totals[1] += window.path("memories_embedded").asLong();
            }
            if (totals[0] >= 3 && totals[1] >= 3) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(totals).containsExactly(3, 3);
    }

    @Test
    void aBodyThatIsWrongAsAWholeIsRefusedAndNothingIsAccepted() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Response notJson = ws.api().send("/v1/workspaces/" + ws.slug() + "/ingest", "POST", "{\"items\": [", "application/json",
                Map.of("X-API-Key", ws.key()));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("invalid_json");
        assertThat(send(ws, "POST", "/ingest", Map.of("items", List.of(), "content", "both")).code()).isEqualTo("invalid_request");
        assertThat(send(ws, "POST", "/ingest", Map.of("content", "x", "split_mode", "sentences")).code()).isEqualTo("invalid_request");
        assertThat(send(ws, "POST", "/ingest", Map.of("items", List.of(Map.of("content", "a")), "priority", 1)).code())
                .isEqualTo("invalid_request");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("content", "note " + i));
        }
        Response refused = send(ws, "POST", "/ingest", Map.of("items", tooMany));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("too_many_items");
        assertThat(send(ws, "GET", "/ingest/runs", null).body().path("runs")).isEmpty();
        assertThat(send(ws, "GET", "/ingest/runs/" + java.util.UUID.randomUUID(), null).code()).isEqualTo("run_not_found");
        String readKey = TestPlatform.issueKey(ws, Set.of(Scope.READ), null).token().value();
        Response readOnly = ws.api().post("/v1/workspaces/" + ws.slug() + "/ingest",
                ApiClient.json(Map.of("items", List.of(Map.of("content", "a")))), Map.of("X-API-Key", readKey));
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.code()).isEqualTo("insufficient_scope");
    }

    @Test
    void longTextIsSplitIntoChunksThatFitTheWindowAndAPreviewShowsTheSplitWithoutWritingIt() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        StringBuilder document = new StringBuilder("# Runbook\n\nThis runbook covers the payment service.\n\n## Restarts\n\n");
        for (int i = 0; i < 120; i++) {
            document.append("Step ").append(i).append(" of the restart checks that queue ").append(i)
                    .append(" drained before the next node goes down. ");
        }
        document.append("\n\n## Contacts\n\nPage the on-call engineer through the incident channel.\n");
        Map<String, Object> body = Map.of("content", document.toString(), "split_mode", "auto", "source_name", "runbook.md");

        Response preview = send(ws, "POST", "/ingest/preview", body);
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        int chunks = preview.body().path("items").asInt();
        assertThat(chunks).isGreaterThanOrEqualTo(4);
        assertThat(preview.body().path("largest_item").path("tokens").asInt()).isLessThanOrEqualTo(510);
        assertThat(preview.body().path("first").get(0).path("content").asString()).startsWith("# Runbook");
        // The restart section is too long for one chunk: each of its chunks starts with its heading.
        List<String> restartChunks = new ArrayList<>();
        preview.body().path("first").forEach(c -> {
            if (c.path("content").asString().startsWith("## Restarts")) {
                restartChunks.add(c.path("content").asString());
            }
            assertThat(c.path("tokens").asInt()).isLessThanOrEqualTo(510);
        });
        assertThat(restartChunks).as(preview.raw()).hasSizeGreaterThan(1);
        assertThat(send(ws, "GET", "/ingest/runs", null).body().path("runs")).isEmpty();

        Response accepted = send(ws, "POST", "/ingest", body);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().path("items").asInt()).isEqualTo(chunks);
        String runId = accepted.body().path("run_id").asString();
        send(ws, "POST", "/ingest/runs/" + runId + "/close", null);
        JsonNode run = awaitFinished(ws, runId);
        assertThat(run.path("status").asString()).isEqualTo("completed");
        assertThat(run.path("items_applied").asInt()).isEqualTo(chunks);

        // Each chunk knows its place, so the document can be rebuilt.
        Set<String> documents = new HashSet<>();
        List<Integer> positions = new ArrayList<>();
        for (JsonNode item : items(ws, runId, null)) {
            JsonNode memory = send(ws, "GET", "/memories/" + item.path("memory_id").asString(), null).body();
            documents.add(memory.path("metadata").path("document_id").asString());
            positions.add(memory.path("metadata").path("chunk").path("index").asInt());
            assertThat(memory.path("metadata").path("chunk").path("of").asInt()).isEqualTo(chunks);
        }
        assertThat(documents).hasSize(1);
        assertThat(positions).containsExactlyElementsOf(java.util.stream.IntStream.range(0, chunks).boxed().toList());
        assertThat(ws.api().recallContents("who do I page", 1, null).getFirst()).contains("on-call engineer");

        // Lines, CSV and JSON arrays are records, one item each.
        assertThat(send(ws, "POST", "/ingest/preview", Map.of("content", "one\n\ntwo\nthree\n", "split_mode", "lines"))
                .body().path("items").asInt()).isEqualTo(3);
        Response csv = send(ws, "POST", "/ingest/preview", Map.of("content",
                "name,team,note\nAlice,billing,\"owns invoices, refunds\"\nBob,infra,\n", "split_mode", "csv"));
        assertThat(csv.body().path("items").asInt()).isEqualTo(2);
        assertThat(csv.body().path("first").get(0).path("content").asString())
                .isEqualTo("name: Alice\nteam: billing\nnote: owns invoices, refunds");
        assertThat(csv.body().path("first").get(1).path("content").asString()).isEqualTo("name: Bob\nteam: infra");
        Response json = send(ws, "POST", "/ingest/preview", Map.of("content",
                "[\"first note\", {\"content\": \"second note\", \"tags\": [\"x\"]}, {\"text\": \"wrong\"}]", "split_mode", "json"));
        assertThat(json.body().path("items").asInt()).isEqualTo(3);
        assertThat(json.body().path("rejected")).hasSize(1);
        assertThat(json.body().path("first").get(1).path("tags")).extracting(JsonNode::asString).containsExactly("x");
    }

    @Test
    void aRunTakesItemsFromSeveralRequestsAndCountsThemAll() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Response first = send(ws, "POST", "/ingest", Map.of("items", List.of(Map.of("content", "First batch, note one"),
                Map.of("content", "First batch, note two")), "source_name", "notes"));
        String runId = first.body().path("run_id").asString();
        Response second = send(ws, "POST", "/ingest/runs/" + runId + "/items",
                Map.of("items", List.of(Map.of("content", "Second batch, note three"))));
        assertThat(second.status()).as(second.raw()).isEqualTo(202);
        assertThat(second.body().path("first_index").asInt()).isEqualTo(2);
        Response third = send(ws, "POST", "/ingest/runs/" + runId + "/items",
                Map.of("content", "Third batch, line four\nThird batch, line five", "split_mode", "lines"));
        assertThat(third.body().path("first_index").asInt()).isEqualTo(3);
        assertThat(send(ws, "POST", "/ingest/runs/" + runId + "/close", null).status()).isEqualTo(200);
        JsonNode run = awaitFinished(ws, runId);
        assertThat(run.path("items_accepted").asInt()).isEqualTo(5);
        assertThat(run.path("items_applied").asInt()).isEqualTo(5);
        assertThat(run.path("status").asString()).isEqualTo("completed");
        assertThat(run.path("items_per_second").isNumber()).isTrue();
        assertThat(items(ws, runId, "stored")).extracting(i -> i.path("index").asInt()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void anExportImportedIntoAnEmptyWorkspaceExportsAsTheSameRecords() throws Exception {
        TestWorkspace source = TestPlatform.newWorkspace(ADMIN);
        List<String> ids = new ArrayList<>();
        for (String content : List.of("Alice moved to Lisbon in May", "The cache TTL is 300 seconds", "Bob prefers tea",
                "Deploy windows are Tuesday and Thursday")) {
            Response r = source.api().post("/v1/workspaces/" + source.slug() + "/memories?wait=true",
                    ApiClient.json(Map.of("content", content, "tags", List.of("t"), "session_id", "s1", "metadata", Map.of("n", 1))),
                    Map.of("X-API-Key", source.key()));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            ids.add(r.body().path("id").asString());
        }
        // A life worth exporting: an edit, a note, a status change with a reason, a pin, a forget.
        assertThat(send(source, "PATCH", "/memories/" + ids.get(1) + "?wait=true", Map.of("content", "The cache TTL is 600 seconds")).status())
                .isEqualTo(200);
        assertThat(send(source, "POST", "/memories/" + ids.get(0) + "/annotations?wait=true", Map.of("note", "confirmed by Alice")).status())
                .isEqualTo(200);
        assertThat(send(source, "POST", "/memories/" + ids.get(2) + "/status?wait=true",
                Map.of("status", "challenged", "reason", "Bob said coffee lately")).status()).isEqualTo(200);
        assertThat(send(source, "PATCH", "/memories/" + ids.get(3) + "?wait=true", Map.of("pinned", true)).status()).isEqualTo(200);
        assertThat(send(source, "DELETE", "/memories/" + ids.get(2) + "?wait=true", null).status()).isEqualTo(200);
        String export = send(source, "GET", "/export", null).raw();
        assertThat(export.lines()).hasSize(4);

        TestWorkspace target = TestPlatform.newWorkspace(ADMIN);
        List<String> lines = export.lines().toList();
        // Two requests into one run, as a large export would go.
        Response first = importLines(target, "?source_name=backup.jsonl", String.join("\n", lines.subList(0, 2)) + "\n");
        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        String runId = first.body().path("run_id").asString();
        Response second = importLines(target, "?run_id=" + runId, String.join("\n", lines.subList(2, 4)) + "\nnot json\n");
        assertThat(second.status()).as(second.raw()).isEqualTo(202);
        assertThat(second.body().path("rejected").asInt()).isEqualTo(1);
        send(target, "POST", "/ingest/runs/" + runId + "/close", null);
        JsonNode run = awaitFinished(target, runId);
        assertThat(run.path("kind").asString()).isEqualTo("import");
        assertThat(run.path("items_applied").asInt()).isEqualTo(4);
        assertThat(run.path("items_rejected").asInt()).isEqualTo(1);
        assertThat(run.path("errors").get(0).path("index").asInt()).isEqualTo(4);

        String reexport = send(target, "GET", "/export", null).raw();
        Map<String, JsonNode> before = byId(export);
        Map<String, JsonNode> after = byId(reexport);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        // Who wrote it is the import's: the source, history and notes' authors are the importing run and key, and what
        // the file said is kept as provenance beside them. Everything else comes back as it was.
        Set<String> provenance = Set.of("source", "metadata", "history", "annotations");
        for (String id : before.keySet()) {
            JsonNode was = before.get(id);
            JsonNode is = after.get(id);
            for (String field : iterable(was)) {
                if (!provenance.contains(field)) {
                    assertThat(is.get(field)).as(id + " " + field).isEqualTo(was.get(field));
                }
            }
            assertThat(iterable(is)).as(id).containsExactlyElementsOf(iterable(was));
            assertThat(is.path("source").asString()).isEqualTo("import:" + runId);
            assertThat(is.path("metadata").path("n").asInt()).isEqualTo(1);
            assertThat(is.path("metadata").path("import").path("source").asString()).isEqualTo(was.path("source").asString());
            assertThat(is.path("history").size()).isEqualTo(was.path("history").size());
            for (int i = 0; i < was.path("history").size(); i++) {
                JsonNode entry = is.path("history").get(i);
                assertThat(entry.path("change")).isEqualTo(was.path("history").get(i).path("change"));
                assertThat(entry.path("details").path("imported").path("event_id"))
                        .isEqualTo(was.path("history").get(i).path("event_id"));
                assertThat(entry.path("actor_key_id").asString()).isEqualTo(target.keyId().toString());
            }
            assertThat(is.path("annotations").size()).isEqualTo(was.path("annotations").size());
        }
        assertThat(before.get(ids.get(1)).path("history").size()).isGreaterThanOrEqualTo(2);
        assertThat(before.get(ids.get(0)).path("annotations")).hasSize(1);

        // Importing the same lines again recreates nothing: an id the workspace holds is refused, never overwritten.
        Response again = importLines(target, "", lines.getFirst() + "\n");
        String againRun = again.body().path("run_id").asString();
        send(target, "POST", "/ingest/runs/" + againRun + "/close", null);
        JsonNode repeated = awaitFinished(target, againRun);
        assertThat(repeated.path("status").asString()).isEqualTo("failed");
        assertThat(repeated.path("errors").get(0).path("code").asString()).isEqualTo("memory_id_taken");
        assertThat(importLines(target, "?run_id=" + runId, lines.getFirst()).code()).isEqualTo("run_closed");
        assertThat(send(target, "POST", "/import", Map.of("content", "x")).status()).isEqualTo(415);
    }

    @Test
    void anExportCarriesTheSessionsDiaryAndAnImportWritesItBackOnce() throws Exception {
        TestWorkspace source = TestPlatform.newWorkspace(ADMIN);
        assertThat(send(source, "POST", "/memories?wait=true", Map.of("content", "The agent fixed the flaky test")).status())
                .isEqualTo(200);
        for (String entry : List.of("started on the flaky test", "TODO: check the retry budget")) {
            assertThat(send(source, "POST", "/sessions/agent-1/diary?wait=true", Map.of("entry", entry)).status()).isEqualTo(200);
        }
        List<String> lines = send(source, "GET", "/export", null).raw().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(ApiClient.JSON.readTree(lines.get(0)).has("record")).as("memories first").isFalse();
        JsonNode diaryLine = ApiClient.JSON.readTree(lines.get(1));
        assertThat(diaryLine.path("record").asString()).isEqualTo("diary");
        assertThat(diaryLine.path("session_id").asString()).isEqualTo("agent-1");
        assertThat(diaryLine.path("entry").asString()).isEqualTo("started on the flaky test");

        TestWorkspace target = TestPlatform.newWorkspace(ADMIN);
        Response imported = importLines(target, "", String.join("\n", lines) + "\n");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(202);
        assertThat(imported.body().path("diary_lines").asInt()).isEqualTo(2);
        assertThat(imported.body().path("items").asInt()).as("the diary lines are not memories").isEqualTo(1);
        // The diary alone, again: each line keeps its id, so nothing is written twice.
        Response again = importLines(target, "", String.join("\n", lines.subList(1, 3)) + "\n");
        assertThat(again.status()).as(again.raw()).isEqualTo(202);
        assertThat(again.body().path("diary_lines").asInt()).isEqualTo(2);
        assertThat(again.body().has("run_id")).as("no memories, no run").isFalse();
        // A line written now is applied after the imported ones (one workspace's commands keep their order).
        assertThat(send(target, "POST", "/sessions/agent-1/diary?wait=true", Map.of("entry", "resumed after the import")).status())
                .isEqualTo(200);
        JsonNode diary = send(target, "GET", "/sessions/agent-1/diary", null).body();
        List<String> entries = new ArrayList<>();
        diary.path("entries").forEach(e -> entries.add(e.path("entry").asString()));
        assertThat(entries).containsExactly("resumed after the import", "TODO: check the retry budget", "started on the flaky test");
        assertThat(java.time.Instant.parse(diary.path("entries").get(2).path("written_at").asString()))
                .isEqualTo(java.time.Instant.parse(diaryLine.path("written_at").asString()));

        Response bad = importLines(target, "", "{\"record\": \"diary\", \"id\": \"" + UUID.randomUUID() + "\", \"entry\": \"x\","
                + " \"written_at\": \"2026-01-01T00:00:00Z\"}\n");
        assertThat(bad.status()).as(bad.raw()).isEqualTo(202);
        assertThat(bad.body().path("rejected").asInt()).as("a diary line without its session is refused as a line").isEqualTo(1);
        assertThat(bad.body().path("diary_lines").asInt()).isZero();
    }

    private static Map<String, JsonNode> byId(String export) {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        export.lines().forEach(l -> {
            JsonNode node = ApiClient.JSON.readTree(l);
            records.put(node.path("id").asString(), node);
        });
        return records;
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void aWorkerThatDiesMidRunLeavesEveryItemAppliedExactlyOnceAfterItsRestart() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Platform platform = TestPlatform.get();
        int requests = 3;
        int perRequest = 300;
        String runId = null;
        for (int r = 0; r < requests; r++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < perRequest; i++) {
                int n = r * perRequest + i;
                items.add(Map.of("content", "Observation " + n + ": sensor " + (n % 17) + " read " + (n * 7 % 101) + " degrees",
                        "session_id", "drill-" + (n % 5)));
            }
            Map<String, Object> body = Map.of("items", items, "dedupe", false);
            Response accepted = runId == null ? send(ws, "POST", "/ingest", body)
                    : send(ws, "POST", "/ingest/runs/" + runId + "/items", body);
            assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
            runId = accepted.body().path("run_id").asString();
        }
        String run = runId;
        send(ws, "POST", "/ingest/runs/" + run + "/close", null);
        int total = requests * perRequest;
        awaitRun(ws, run, r -> r.path("items_applied").asInt() > 0);
        platform.crashIngestWorker();
        JsonNode halfway = send(ws, "GET", "/ingest/runs/" + run, null).body();
        assertThat(halfway.path("items_applied").asInt()).as("the drill stops the worker mid-run").isLessThan(total);
        assertThat(halfway.path("status").asString()).isEqualTo("running");
        platform.startIngestWorker();

        JsonNode done = awaitFinished(ws, run);
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("items_accepted").asInt()).isEqualTo(total);
        assertThat(done.path("items_applied").asInt()).isEqualTo(total);
        List<JsonNode> memories = memories(ws);
        assertThat(memories).hasSize(total);
        assertThat(memories.stream().map(m -> m.path("content").asString()).distinct()).hasSize(total);
        assertThat(items(ws, run, "stored")).hasSize(total);
    }
}
