package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A many-memory command over the public API, through the whole platform: it runs on the worker's maintenance
 * consumer, so its 202 names where to follow it, {@code GET /commands/{id}} says how far it got while it is pending
 * and what it came to once applied, with {@code complete}.
 */
class MaintenanceProgressTest {

    @Test
    void aBatchAnswered202NamesWhereToFollowItAndItsOutcomeSaysItIsComplete() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Map<String, String> key = Map.of("X-API-Key", ws.key());
        String base = "/v1/workspaces/" + ws.slug();
        Response stored = ws.api().post(base + "/memories?wait=true", ApiClient.json(Map.of("content",
                "The on-call rotation changes every Monday at nine")), key);
        String id = stored.body().path("id").asString();

        Response batch = ws.api().send(base + "/memories/batch", "POST",
                ApiClient.json(Map.of("ids", List.of(id), "tags_add", List.of("followed"))), "application/json", key);

        assertThat(batch.status()).as(batch.raw()).isEqualTo(202);
        String commandId = batch.body().path("command_id").asString();
        String progressUrl = batch.body().path("progress_url").asString();
        assertThat(progressUrl).isEqualTo(base + "/commands/" + commandId);
        List<String> statesSeen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
            JsonNode command = ws.api().send(progressUrl, "GET", (String) null, null, key).body();
            if (command.path("status").asString().equals("pending") && command.has("progress")) {
                statesSeen.add(command.path("progress").path("state").asString());
            }
            return command.path("status").asString().equals("applied");
        });
        assertThat(statesSeen).allSatisfy(state -> assertThat(state).isIn("queued", "running"));
        JsonNode applied = ws.api().send(progressUrl, "GET", (String) null, null, key).body();
        assertThat(applied.path("outcome").asString()).isEqualTo("updated");
        assertThat(applied.path("result").path("changed").asInt()).isEqualTo(1);
        assertThat(applied.path("result").path("complete").asBoolean()).isTrue();
        assertThat(applied.has("progress")).isFalse();
        JsonNode memory = ws.api().send(base + "/memories/" + id, "GET", (String) null, null, key).body();
        assertThat(memory.path("tags").toString()).contains("followed");
    }
}
