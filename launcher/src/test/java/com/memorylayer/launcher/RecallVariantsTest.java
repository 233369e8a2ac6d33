package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** recall/recent, recall/timeline and recall/similar through the whole platform, with the usual filters. */
class RecallVariantsTest {

    static TestWorkspace ws;
    static String march;
    static String april;
    static String may;
    static String garden;

    @BeforeAll
    static void memories() {
        ws = TestPlatform.newWorkspace();
        march = write("The team shipped the billing service in March.", "2024-03-10T00:00:00Z", List.of("work"));
        april = write("The billing service had an outage in April and was rolled back.", "2024-04-10T00:00:00Z", List.of("work"));
        may = write("The billing service was rebuilt on Postgres in May.", "2024-05-10T00:00:00Z", List.of("work"));
        garden = write("Tomatoes in the garden need water every morning.", "2024-05-20T00:00:00Z", List.of("home"));
    }

    private static String write(String content, String createdAt, List<String> tags) {
        Response response = ws.api().post("/v1/workspaces/" + ws.slug() + "/memories?wait=true",
                ApiClient.json(Map.of("content", content, "created_at", createdAt, "tags", tags)), Map.of("X-API-Key", ws.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("id").asString();
    }

    private static Response variant(String name, Map<String, Object> body) {
        return ws.api().post("/v1/workspaces/" + ws.slug() + "/recall/" + name, ApiClient.json(body), Map.of("X-API-Key", ws.key()));
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.body().path("results").forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }

    @Test
    void recentIsNewestFirstAndTakesFilters() {
        assertThat(ids(variant("recent", Map.of("limit", 2)))).containsExactly(garden, may);
        assertThat(ids(variant("recent", Map.of("limit", 2, "filters", Map.of("tags_any", List.of("work")))))).containsExactly(may, april);
    }

    @Test
    void timelineIsAWindowOldestFirst() {
        assertThat(ids(variant("timeline", Map.of("from", "2024-04-01T00:00:00Z", "to", "2024-05-15T00:00:00Z"))))
                .containsExactly(april, may);
        assertThat(variant("timeline", Map.of("from", "2024-05-01T00:00:00Z", "to", "2024-04-01T00:00:00Z")).status()).isEqualTo(400);
        assertThat(variant("timeline", Map.of("from", "yesterday")).status()).isEqualTo(400);
    }

    @Test
    void similarFindsTheNearestOthersButNotTheMemoryItself() {
        List<String> similar = ids(variant("similar", Map.of("memory_id", april, "limit", 3)));
        assertThat(similar).doesNotContain(april).hasSize(3);
        assertThat(similar.getLast()).as("the garden is least like a billing outage").isEqualTo(garden);
        assertThat(ids(variant("similar", Map.of("memory_id", april, "filters", Map.of("tags_any", List.of("home"))))))
                .containsExactly(garden);
        Response unknown = variant("similar", Map.of("memory_id", "00000000-0000-0000-0000-000000000003"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("memory_not_found");
    }

    @Test
    void contextIsAPromptReadyBlockWithinItsTokenBudgetCitingItsMemories() {
        Response wide = variant("context", Map.of("query", "what happened to the billing service?", "max_tokens", 400));
        assertThat(wide.status()).as(wide.raw()).isEqualTo(200);
        assertThat(wide.body().path("encoding").asString()).isEqualTo("o200k_base");
        assertThat(wide.body().path("tokens").asInt()).isPositive().isLessThanOrEqualTo(400);
        List<String> used = new ArrayList<>();
        wide.body().path("memories_used").forEach(id -> used.add(id.asString()));
        assertThat(used).contains(march, april, may);
        String block = wide.body().path("context").asString();
        used.forEach(id -> assertThat(block).contains("[" + id + "]"));
        assertThat(block).contains("rolled back");

        // A budget for about one line keeps the best memory only, still cited; a smaller one cuts its content rather
        // than answer nothing; one too small for even a citation answers an empty block.
        for (int budget : new int[] {60, 45}) {
            Response tight = variant("context", Map.of("query", "what happened to the billing service?", "max_tokens", budget,
                    "encoding", "cl100k_base"));
            assertThat(tight.status()).as(tight.raw()).isEqualTo(200);
            assertThat(tight.body().path("tokens").asInt()).as("budget " + budget).isLessThanOrEqualTo(budget);
            assertThat(tight.body().path("memories_used").size()).isEqualTo(1);
            assertThat(tight.body().path("context").asString()).contains("[" + tight.body().path("memories_used").get(0).asString() + "]");
        }
        Response none = variant("context", Map.of("query", "what happened to the billing service?", "max_tokens", 10));
        assertThat(none.body().path("context").asString()).isEmpty();
        assertThat(none.body().path("tokens").asInt()).isZero();
        assertThat(variant("context", Map.of("query", "x", "max_tokens", 0)).status()).isEqualTo(400);
        assertThat(variant("context", Map.of("query", "x", "encoding", "gpt2")).status()).isEqualTo(400);
        assertThat(variant("context", Map.of("max_tokens", 100)).status()).as("a query is required").isEqualTo(400);
    }

    @Test
    void anUnknownVariantOrFieldIsRefused() {
        assertThat(variant("telepathy", Map.of()).status()).isEqualTo(404);
        assertThat(variant("recent", Map.of("query", "x")).status()).isEqualTo(400);
    }
}
