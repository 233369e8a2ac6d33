package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Filters are exact: a filtered recall returns only matching memories, and all the matching ones that fit the
 * limit — even when many better-scoring non-matching memories would otherwise fill it.
 */
class RecallFiltersTest {

    static TestWorkspace ws;

    @BeforeAll
    static void memories() {
        ws = TestPlatform.newWorkspace();
        // Twenty close matches without the tag crowd the top of an unfiltered recall.
        for (int i = 0; i < 20; i++) {
            ws.api().remember(Map.of("content", "Release checklist item " + i + ": run the release smoke tests",
                    "tags", List.of("release"), "kind", "procedure", "session_id", "s-main",
                    "metadata", Map.of("team", "platform", "priority", i % 3), "created_at", "2026-01-0" + (1 + i % 9) + "T10:00:00Z"));
        }
        ws.api().remember(Map.of("content", "Security review before the release is mandatory",
                "tags", List.of("release", "security"), "kind", "rule", "session_id", "s-sec",
                "metadata", Map.of("team", "security", "priority", 1), "created_at", "2025-12-24T09:00:00Z"));
        String last = ws.api().token(ws.api().remember(Map.of("content", "Lunch order: the release party pizza",
                "tags", List.of("social"), "kind", "note", "metadata", Map.of("team", "social", "vegan", true),
                "created_at", "2026-02-01T12:00:00Z")));
        ws.api().recallContents("release", 1, last);
    }

    private static List<String> recall(Map<String, Object> filters, int limit) {
        Response response = ws.api().recall(Map.of("query", "release smoke tests checklist", "limit", limit, "filters", filters));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        response.body().path("results").forEach(r -> contents.add(r.path("content").asString()));
        return contents;
    }

    @Test
    void tagsAnyFindsTheOneMatchingMemoryBehindManyBetterOnes() {
        assertThat(recall(Map.of("tags_any", List.of("security", "nothing")), 3))
                .containsExactly("Security review before the release is mandatory");
    }

    @Test
    void tagsAllNeedsEveryTag() {
        assertThat(recall(Map.of("tags_all", List.of("release", "security")), 10))
                .containsExactly("Security review before the release is mandatory");
        assertThat(recall(Map.of("tags_all", List.of("release", "social")), 10)).isEmpty();
    }

    @Test
    void kindAndSessionFilterExactly() {
        assertThat(recall(Map.of("kind", "rule"), 10)).containsExactly("Security review before the release is mandatory");
        assertThat(recall(Map.of("session_id", "s-main"), 50)).hasSize(20).allMatch(c -> c.startsWith("Release checklist"));
    }

    @Test
    void metadataValuesCompareAsJson() {
        assertThat(recall(Map.of("metadata", Map.of("team", "social", "vegan", true)), 10))
                .containsExactly("Lunch order: the release party pizza");
        assertThat(recall(Map.of("metadata", Map.of("team", "platform", "priority", 2)), 50)).hasSize(6);
        assertThat(recall(Map.of("metadata", Map.of("team", "platform", "priority", 2.0)), 50)).hasSize(6);
    }

    @Test
    void createdAfterAndBeforeAreExclusiveBounds() {
        assertThat(recall(Map.of("created_before", "2026-01-01T00:00:00Z"), 50))
                .containsExactly("Security review before the release is mandatory");
        assertThat(recall(Map.of("created_after", "2026-01-31T00:00:00Z"), 50)).containsExactly("Lunch order: the release party pizza");
        assertThat(recall(Map.of("created_after", "2026-01-09T10:00:00Z", "created_before", "2026-02-01T12:00:00Z"), 50)).isEmpty();
    }

    @Test
    void combinedFiltersMustAllHold() {
        assertThat(recall(Map.of("tags_any", List.of("release"), "kind", "procedure", "metadata", Map.of("priority", 0)), 50))
                .hasSize(7).allMatch(c -> c.startsWith("Release checklist"));
    }

    @Test
    void minScoreDropsWeakResultsAndEveryResultExplainsItsRank() {
        Response all = ws.api().recall(Map.of("query", "release smoke tests checklist", "limit", 30));
        Response strong = ws.api().recall(Map.of("query", "release smoke tests checklist", "limit", 30, "min_score", 0.5));
        assertThat(strong.body().path("results").size()).isLessThan(all.body().path("results").size());
        for (JsonNode result : strong.body().path("results")) {
            assertThat(result.path("score").asDouble()).isGreaterThanOrEqualTo(0.5);
            assertThat(result.path("explanation").has("fused_score")).isTrue();
            assertThat(result.path("explanation").path("session_boost").isNumber()).isTrue();
            assertThat(result.path("metadata").isObject()).isTrue();
        }
        Response plain = ws.api().recall(Map.of("query", "release smoke tests checklist", "limit", 30, "session_boost", false));
        assertThat(plain.body().path("results")).allSatisfy(r -> assertThat(r.path("explanation").path("session_boost").isNull()).isTrue());
    }

    @Test
    void channelsCanBeChosenForAblation() {
        Response lexical = ws.api().recall(Map.of("query", "pizza", "limit", 5, "channels", List.of("lexical")));
        assertThat(lexical.body().path("results")).allSatisfy(r -> assertThat(r.path("explanation").path("dense_rank").isNull()).isTrue());
        assertThat(lexical.body().path("results").get(0).path("content").asString()).contains("pizza");
    }

    @Test
    void modeRestrictsMemoryTypesAndEveryResultSaysItsLifecycle() {
        Response full = ws.api().recall(Map.of("query", "release smoke tests checklist", "limit", 30, "mode", "full_context"));
        Response facts = ws.api().recall(Map.of("query", "release smoke tests checklist", "limit", 30, "mode", "facts_only"));
        assertThat(full.status()).as(full.raw()).isEqualTo(200);
        assertThat(facts.status()).as(facts.raw()).isEqualTo(200);

        List<String> factsInFull = new ArrayList<>();
        for (JsonNode result : full.body().path("results")) {
            assertThat(result.path("status").asString()).isIn("active", "challenged");
            assertThat(result.path("layer").isString()).isTrue();
            assertThat(result.path("pinned").isBoolean()).isTrue();
            assertThat(result.path("version").asInt()).isPositive();
            if (result.path("memory_type").asString().equals("fact")) {
                factsInFull.add(result.path("content").asString());
            }
        }
        assertThat(full.body().path("results").size()).isEqualTo(22);
        List<String> onlyFacts = new ArrayList<>();
        facts.body().path("results").forEach(r -> onlyFacts.add(r.path("content").asString()));
        assertThat(onlyFacts).containsExactlyInAnyOrderElementsOf(factsInFull);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"query\":\"x\",\"filters\":[]}", "{\"query\":\"x\",\"filters\":{\"tags_any\":\"a\"}}",
            "{\"query\":\"x\",\"filters\":{\"colour\":\"red\"}}", "{\"query\":\"x\",\"filters\":{\"created_after\":\"monday\"}}",
            "{\"query\":\"x\",\"filters\":{\"metadata\":{\"k\":[1]}}}", "{\"query\":\"x\",\"min_score\":2}",
            "{\"query\":\"x\",\"channels\":[\"magic\"]}", "{\"query\":\"x\",\"channels\":[]}",
            "{\"query\":\"x\",\"session_boost\":\"yes\"}", "{\"query\":\"x\",\"mode\":\"everything\"}",
            "{\"query\":\"x\",\"filters\":{\"status\":\"gone\"}}", "{\"query\":\"x\",\"filters\":{\"pinned\":\"yes\"}}"})
    void badFiltersAreRefusedNamingTheField(String body) {
        Response response = ws.api().post("/v1/workspaces/" + ws.slug() + "/recall", body, Map.of("X-API-Key", ws.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_request");
        assertThat(response.body().path("details").path("field").asString()).isNotBlank();
    }
}
