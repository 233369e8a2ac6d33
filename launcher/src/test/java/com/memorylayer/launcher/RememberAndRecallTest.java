package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The user flow of the README, through the public HTTP API of a running platform. */
class RememberAndRecallTest {

    @Test
    void rememberIsAcceptedWithAnIdAndAConsistencyToken() {
        TestWorkspace ws = TestPlatform.newWorkspace();

        Response response = ws.api().remember(Map.of("content", "The deploy freeze starts on December 20th",
                "tags", List.of("release", "calendar"), "kind", "fact", "metadata", Map.of("team", "platform"),
                "session_id", "s-42"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(response.body().path("consistency_token").asString()).startsWith("v3.");
    }

    @Test
    void recallSeesAMemoryWrittenWithItsConsistencyToken() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        Response written = ws.api().remember(Map.of("content", "The staging cluster password rotates every Monday",
                "tags", List.of("ops"), "kind", "procedure", "metadata", Map.of("owner", "sre"), "session_id", "s-1"));

        Response recalled = ws.api().recall(Map.of("query", "staging cluster password rotation", "limit", 5,
                "consistency_token", ws.api().token(written)));

        assertThat(recalled.status()).isEqualTo(200);
        JsonNode first = recalled.body().path("results").get(0);
        assertThat(first.path("id").asString()).isEqualTo(written.body().path("id").asString());
        assertThat(first.path("content").asString()).isEqualTo("The staging cluster password rotates every Monday");
        assertThat(first.path("tags").get(0).asString()).isEqualTo("ops");
        assertThat(first.path("kind").asString()).isEqualTo("procedure");
        assertThat(first.path("metadata").path("owner").asString()).isEqualTo("sre");
        assertThat(first.path("session_id").asString()).isEqualTo("s-1");
        assertThat(first.path("score").asDouble()).isPositive();
        assertThat(first.path("created_at").asString()).isNotBlank();
        assertThat(first.path("explanation").path("dense_rank").asInt()).isEqualTo(1);
    }

    @Test
    void aParaphrasedQueryFindsTheRightMemoryWithoutSharedKeywords() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        ws.api().remember("Alice is allergic to peanuts and shellfish");
        ws.api().remember("The quarterly board meeting moved to Thursday at 3pm in room 4B");
        ws.api().remember("Our production database runs PostgreSQL 17 on a dedicated host");
        ws.api().remember("Bob prefers to receive code review comments in the morning");
        String last = ws.api().token(ws.api().remember("The office coffee machine was replaced with an espresso maker"));

        // No content word of the target memory appears in the question; only dense retrieval can bridge it.
        List<String> results = ws.api().recallContents("Which foods must she avoid eating?", 3, last);

        assertThat(results).first().isEqualTo("Alice is allergic to peanuts and shellfish");
    }

    @Test
    void resultsComeBestFirstAndRespectTheLimit() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        String token = null;
        for (int i = 0; i < 8; i++) {
            token = ws.api().token(ws.api().remember("Deployment note number " + i + " about the payments service"));
        }

        Response response = ws.api().recall(Map.of("query", "payments service deployment", "limit", 3, "consistency_token", token));

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.body().path("results");
        assertThat(results.size()).isEqualTo(3);
        double previous = Double.MAX_VALUE;
        for (JsonNode result : results) {
            assertThat(result.path("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = result.path("score").asDouble();
        }
    }

    @Test
    void theBootstrapWorkspaceAndKeyWork() {
        Platform platform = TestPlatform.get();
        ApiClient api = new ApiClient(platform.gatewayUrl(), platform.bootstrap().slug(), platform.bootstrap().apiKey());

        String token = api.token(api.remember("The bootstrap workspace accepts memories"));

        assertThat(api.recallContents("does the bootstrap workspace accept memories", 1, token))
                .containsExactly("The bootstrap workspace accepts memories");
    }
}
