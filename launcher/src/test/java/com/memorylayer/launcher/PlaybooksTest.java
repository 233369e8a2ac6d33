package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The starter playbooks ({@code GET /v1/playbooks}) run as written, step by step, on one fresh workspace through the
 * whole platform: a tool step through the {@code /tools} bridge, a route step as its request. A step that names a
 * memory ({@code <memory id>}) gets the last memory an earlier step stored. Every step must succeed: content that
 * teaches a call that fails has rotted.
 */
class PlaybooksTest {

    private static final String MEMORY_ID = "<memory id>";

    @Test
    void everyPlaybookRunsAsWrittenOnAFreshWorkspace() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace(EnumSet.allOf(com.memorylayer.gateway.access.Scope.class));
        JsonNode playbooks;
        try (InputStream in = PlaybooksTest.class.getResourceAsStream("/starter/playbooks.json")) {
            playbooks = ApiClient.JSON.readTree(in);
        }
        assertThat(playbooks.size()).isEqualTo(5);
        Map<String, String> key = Map.of("X-API-Key", ws.key(), "Accept", "application/json, text/event-stream");
        String lastMemory = null;
        int steps = 0;
        for (JsonNode playbook : playbooks) {
            for (JsonNode step : playbook.path("steps")) {
                String arguments = step.path("arguments").toString();
                if (arguments.contains(MEMORY_ID)) {
                    assertThat(lastMemory).as(playbook.path("name") + ": a step names a memory before any was stored").isNotNull();
                    arguments = arguments.replace(MEMORY_ID, lastMemory);
                }
                Response answer;
                String what;
                if (step.has("tool")) {
                    what = step.path("tool").asString();
                    answer = ws.api().post("/v1/workspaces/" + ws.slug() + "/tools/" + what, arguments, key);
                } else {
                    String[] route = step.path("route").asString().split(" ", 2);
                    what = step.path("route").asString();
                    String path = route[1].replace("{slug}", ws.slug());
                    answer = route[0].equals("GET") ? ws.api().send(path, "GET", null, null, key) : ws.api().post(path, arguments, key);
                }
                assertThat(answer.status()).as(playbook.path("name").asString() + " → " + what + ": " + answer.raw())
                        .isBetween(200, 299);
                if (step.has("tool") && what.startsWith("remember") && answer.body().path("id").isString()) {
                    lastMemory = answer.body().path("id").asString();
                }
                steps++;
            }
        }
        assertThat(steps).isGreaterThanOrEqualTo(25);
    }
}
