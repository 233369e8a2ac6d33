package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The recall variants through the whole platform, with the usual filters. */
class RecallVariantsTest {

    static TestWorkspace ws;
    /** A second workspace for the query-shaped variants: people, procedures, layers and entities. */
    static TestWorkspace team;
    static String priya;
    static String deploy;
    static String rollback;
    static String outage;
    static String tomatoes;
    static String sourdough;
    static String incidentLog;
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

        team = TestPlatform.newWorkspace();
        priya = write(team, Map.of("content", "Priya Sharma leads the billing team in Berlin.", "created_at", "2024-01-05T00:00:00Z",
                "layer", "semantic", "memory_type", "fact", "importance", 0.9, "tags", List.of("people")));
        deploy = write(team, Map.of("content", "How to deploy the billing service:\nrun make release, then promote the build in "
                + "Spinnaker and watch the error dashboard for ten minutes.", "created_at", "2024-02-01T00:00:00Z",
                "layer", "procedural", "memory_type", "procedure", "tags", List.of("runbook")));
        rollback = write(team, Map.of("content", "To roll back the billing service, revert the release tag and run make release "
                + "again.", "created_at", "2024-02-03T00:00:00Z", "layer", "procedural", "memory_type", "procedure",
                "tags", List.of("runbook")));
        incidentLog = write(team, Map.of("content", "Incident log for the billing database migration.\n" + java.util.stream.IntStream
                .rangeClosed(1, 80).mapToObj(i -> "Step " + i + ": the billing database tables were copied, checked and switched "
                        + "over without loss.").collect(java.util.stream.Collectors.joining(" ")), "created_at", "2024-03-01T00:00:00Z",
                "tags", List.of("incident")));
        outage = write(team, Map.of("content", "The billing service had an outage in April after Priya's team shipped a schema "
                + "change.", "created_at", "2024-04-10T00:00:00Z", "tags", List.of("incident")));
        tomatoes = write(team, Map.of("content", "Tomatoes in the garden need water every morning.", "created_at",
                "2024-05-20T00:00:00Z", "tags", List.of("home")));
        sourdough = write(team, Map.of("content", "The sourdough starter is fed with rye flour every evening.", "created_at",
                "2024-05-21T00:00:00Z", "tags", List.of("home")));
    }

    private static String write(String content, String createdAt, List<String> tags) {
        return write(ws, Map.of("content", content, "created_at", createdAt, "tags", tags));
    }

    private static String write(TestWorkspace in, Map<String, Object> memory) {
        Response response = in.api().post("/v1/workspaces/" + in.slug() + "/memories?wait=true", ApiClient.json(memory),
                Map.of("X-API-Key", in.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("id").asString();
    }

    private static Response variant(String name, Map<String, Object> body) {
        return variant(ws, name, body);
    }

    private static Response variant(TestWorkspace in, String name, Map<String, Object> body) {
        return in.api().post("/v1/workspaces/" + in.slug() + "/recall/" + name, ApiClient.json(body), Map.of("X-API-Key", in.key()));
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.isObject() ? v.path("id").asString() : v.asString()));
        return values;
    }

    /** The names of a [{name, count}] list, with their counts. */
    private static Map<String, Integer> counts(JsonNode array) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        array.forEach(c -> counts.put(c.path("name").asString(), c.path("count").asInt()));
        return counts;
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

        // A budget for about one line keeps the best memory only, still cited, cutting its content rather than answer
        // nothing; one too small for even a citation answers an empty block. A citation's cost depends on the random
        // id (cl100k_base: header plus the shortest cut line 37–52 tokens, the whole line 48–63, over 20,000 ids),
        // so 53 is the smallest budget that always holds a cited line; 45 was too small for about one id in five.
        for (int budget : new int[] {60, 53}) {
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
        for (String name : List.of("hints", "compare", "brief", "layers", "skills", "explain")) {
            Response unknown = variant(team, name, Map.of("query", "x", "query_a", "x", "query_b", "y", "top_k", 3));
            assertThat(unknown.status()).as(name).isEqualTo(400);
            assertThat(unknown.code()).isEqualTo("invalid_request");
        }
        for (String name : List.of("hints", "brief", "skills", "explain")) {
            Response missing = variant(team, name, Map.of("filters", Map.of()));
            assertThat(missing.status()).as(name + " without a query").isEqualTo(400);
            assertThat(missing.code()).isEqualTo("invalid_request");
            assertThat(missing.body().path("details").path("field").asString()).isEqualTo("query");
        }
        Response noB = variant(team, "compare", Map.of("query_a", "billing"));
        assertThat(noB.status()).isEqualTo(400);
        assertThat(noB.body().path("details").path("field").asString()).isEqualTo("query_b");
    }

    @Test
    void hintsAreFirstLinesCutToTheHintLengthWithTheEntitiesEachMemoryNames() {
        JsonNode answer = ok(variant(team, "hints", Map.of("query", "who leads the billing team?"))).body();
        assertThat(answer.path("query").asString()).isEqualTo("who leads the billing team?");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        answer.path("hints").forEach(h -> byId.put(h.path("id").asString(), h));
        assertThat(byId).hasSize(7);
        assertThat(strings(byId.get(priya).path("entities"))).anySatisfy(name -> assertThat(name).contains("Priya"))
                .hasSizeLessThanOrEqualTo(5);
        assertThat(byId.get(priya).path("layer").asString()).isEqualTo("semantic");
        assertThat(byId.get(priya).path("importance").asDouble()).isEqualTo(0.9);
        assertThat(byId.get(priya).path("created_at").asString()).startsWith("2024-01-05");
        assertThat(byId.get(deploy).path("hint").asString()).as("the first line only").isEqualTo("How to deploy the billing service:");
        String outageContent = "The billing service had an outage in April after Priya's team shipped a schema change.";
        assertThat(byId.get(outage).path("hint").asString()).isEqualTo(outageContent.substring(0, 60).stripTrailing() + "...");

        JsonNode short_ = ok(variant(team, "hints", Map.of("query", "billing outage", "limit", 2, "hint_length", 10))).body();
        assertThat(short_.path("hints").size()).isEqualTo(2);
        short_.path("hints").forEach(h -> assertThat(h.path("hint").asString().length()).isLessThanOrEqualTo(13));
        assertThat(variant(team, "hints", Map.of("query", "x", "hint_length", 5)).status()).isEqualTo(400);
        assertThat(variant(team, "hints", Map.of("query", "x", "hint_length", "long")).status()).isEqualTo(400);
    }

    @Test
    void compareSplitsTwoRecallsIntoWhatBothAndWhatEachAloneFound() {
        JsonNode apart = ok(variant(team, "compare", Map.of("query_a", "billing service outage after a schema change",
                "query_b", "tomatoes in the garden", "limit", 1))).body();
        assertThat(apart.path("query_a").asString()).isEqualTo("billing service outage after a schema change");
        assertThat(apart.path("overlap").size()).isZero();
        assertThat(strings(apart.path("only_a"))).containsExactly(outage);
        assertThat(strings(apart.path("only_b"))).containsExactly(tomatoes);
        assertThat(apart.path("only_b").get(0).path("content").asString()).isEqualTo("Tomatoes in the garden need water every morning.");

        // Limit 7 is every memory of the workspace on both sides: all overlap, nothing is only one side's.
        JsonNode together = ok(variant(team, "compare", Map.of("query_a", "billing service outage", "query_b", "tomatoes in the garden",
                "limit", 7))).body();
        assertThat(strings(together.path("overlap"))).containsExactlyInAnyOrder(priya, deploy, rollback, incidentLog, outage,
                tomatoes, sourdough);
        assertThat(together.path("only_a").size()).isZero();
        assertThat(together.path("only_b").size()).isZero();
        together.path("overlap").forEach(m -> assertThat(m.path("content").asString().length()).isLessThanOrEqualTo(200));
        assertThat(counts(together.path("entities_a"))).isEqualTo(counts(together.path("entities_b")))
                .hasKeySatisfying(new org.assertj.core.api.Condition<>(name -> name.contains("Priya"), "a name with Priya"));
        assertThat(counts(apart.path("entities_b"))).doesNotContainKey("Priya Sharma");
    }

    @Test
    void aBriefCountsWhatTheBestMemoriesAreAndSuggestsWhereToLookNext() {
        JsonNode brief = ok(variant(team, "brief", Map.of("query", "billing service"))).body();
        assertThat(brief.path("result_count").asInt()).as("default limit 8, seven memories").isEqualTo(7);
        assertThat(brief.path("summary").asString()).startsWith("Recalled 7 memories for \"billing service\"");
        assertThat(brief.path("time_window").path("from").asString()).startsWith("2024-01-05");
        assertThat(brief.path("time_window").path("to").asString()).startsWith("2024-05-21");
        assertThat(counts(brief.path("layers"))).containsEntry("episodic", 4).containsEntry("procedural", 2).containsEntry("semantic", 1);
        assertThat(counts(brief.path("memory_types"))).containsEntry("procedure", 2).containsEntry("fact", 1).containsEntry("narrative", 4);
        assertThat(counts(brief.path("statuses"))).containsExactly(Map.entry("active", 7));
        assertThat(counts(brief.path("sources"))).containsExactly(Map.entry("api", 7));
        assertThat(counts(brief.path("tags"))).containsEntry("runbook", 2).containsEntry("home", 2).containsEntry("incident", 2);
        assertThat(brief.path("key_memories").size()).isEqualTo(6);
        List<String> suggested = strings(brief.path("suggested_queries"));
        assertThat(suggested).hasSizeBetween(1, 6).contains("timeline for billing service").doesNotHaveDuplicates();
        assertThat(strings(ok(variant(team, "brief", Map.of("query", "billing service"))).body().path("suggested_queries")))
                .as("the same memories give the same brief").isEqualTo(suggested);

        JsonNode narrow = ok(variant(team, "brief", Map.of("query", "billing service", "limit", 2,
                "filters", Map.of("tags_any", List.of("runbook"))))).body();
        assertThat(strings(narrow.path("key_memories"))).containsExactlyInAnyOrder(deploy, rollback);
        assertThat(counts(narrow.path("memory_types"))).containsExactly(Map.entry("procedure", 2));
    }

    @Test
    void layersGraduateFromIdentityToSearchResultsAndNeverExceedTheBudget() {
        JsonNode plain = ok(variant(team, "layers", Map.of())).body();
        assertThat(plain.path("encoding").asString()).isEqualTo("o200k_base");
        assertThat(plain.path("tokens").asInt()).isPositive().isLessThanOrEqualTo(4000);
        assertThat(strings(plain.path("memories").path("l0"))).as("the one semantic memory is the identity").containsExactly(priya);
        assertThat(plain.path("l0").asString()).isEqualTo("Priya Sharma leads the billing team in Berlin.");
        assertThat(strings(plain.path("memories").path("l2"))).contains(deploy, rollback);
        assertThat(plain.has("l3")).as("no query, no search results").isFalse();
        List<String> placed = new ArrayList<>();
        plain.path("memories").forEach(layer -> placed.addAll(strings(layer)));
        assertThat(placed).doesNotHaveDuplicates().doesNotContain(incidentLog);

        // The incident log is too long for L1 and L2; a query that finds it brings it in as a search result.
        JsonNode searched = ok(variant(team, "layers", Map.of("query", "billing database migration incident log"))).body();
        assertThat(strings(searched.path("memories").path("l3"))).contains(incidentLog);
        assertThat(searched.path("l3").asString()).contains("Step 80:");
        assertThat(searched.path("tokens").asInt()).isGreaterThan(1000).isLessThanOrEqualTo(4000);

        for (int budget : new int[] {1000, 120, 30, 1}) {
            JsonNode tight = ok(variant(team, "layers", Map.of("query", "billing database migration incident log",
                    "max_tokens", budget, "encoding", "cl100k_base"))).body();
            assertThat(tight.path("tokens").asInt()).as("budget " + budget).isLessThanOrEqualTo(budget);
            assertThat(tight.toString()).doesNotContain(incidentLog);
        }
        JsonNode identityOnly = ok(variant(team, "layers", Map.of("max_tokens", 30))).body();
        assertThat(strings(identityOnly.path("memories").path("l0"))).containsExactly(priya);
        assertThat(variant(team, "layers", Map.of("max_tokens", 0)).status()).isEqualTo(400);
        assertThat(variant(team, "layers", Map.of("max_tokens", 32001)).status()).isEqualTo(400);
        assertThat(variant(team, "layers", Map.of("encoding", "gpt2")).status()).isEqualTo(400);
        assertThat(variant(team, "layers", Map.of("query", "")).status()).isEqualTo(400);
    }

    @Test
    void skillsInjectTheProcedureForAHowToTaskAndNothingForAnUnrelatedOne() {
        JsonNode howTo = ok(variant(team, "skills", Map.of("query", "how do I deploy the billing service?"))).body();
        assertThat(howTo.path("should_inject").asBoolean()).as(howTo.toString()).isTrue();
        assertThat(howTo.path("confidence").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(strings(howTo.path("skills"))).first().isEqualTo(deploy);
        assertThat(strings(howTo.path("skills"))).isSubsetOf(deploy, rollback);

        JsonNode unrelated = ok(variant(team, "skills", Map.of("query", "what should I cook for dinner with pasta and mushrooms?"))).body();
        assertThat(unrelated.path("should_inject").asBoolean()).as(unrelated.toString()).isFalse();
        assertThat(unrelated.path("skills").size()).isZero();
        assertThat(unrelated.path("reason").asString()).isNotBlank();

        JsonNode one = ok(variant(team, "skills", Map.of("query", "how do I deploy the billing service?", "max_skills", 1))).body();
        assertThat(strings(one.path("skills"))).containsExactly(deploy);
        JsonNode filtered = ok(variant(team, "skills", Map.of("query", "how do I deploy the billing service?",
                "filters", Map.of("tags_any", List.of("home"))))).body();
        assertThat(filtered.path("should_inject").asBoolean()).as("no procedure is tagged home").isFalse();
        assertThat(variant(team, "skills", Map.of("query", "x", "max_skills", 11)).status()).isEqualTo(400);
    }

    @Test
    void explainShowsEachStageAndLeavesAccessCountsAlone() throws InterruptedException {
        TestWorkspace quiet = TestPlatform.newWorkspace();
        String fogHorn = write(quiet, Map.of("content", "The lighthouse keeper tests the fog horn every Tuesday."));
        String ferry = write(quiet, Map.of("content", "The ferry timetable changes in October."));

        JsonNode explained = null;
        for (int i = 0; i < 3; i++) {
            explained = ok(variant(quiet, "explain", Map.of("query", "when is the fog horn tested?"))).body();
        }
        assertThat(explained.path("intent").asString()).isEqualTo("when");
        assertThat(explained.path("side_effects").path("access_recorded").asBoolean(true)).isFalse();
        assertThat(explained.path("settings").path("fusion").asString()).isIn("weighted", "rrf");
        assertThat(explained.path("settings").path("rerank").asBoolean(true)).isFalse();
        assertThat(explained.path("counts").path("candidates").path("dense").asInt()).isEqualTo(2);
        assertThat(explained.path("counts").path("candidates").path("lexical").asInt()).as("only one says fog horn").isEqualTo(1);
        assertThat(explained.path("counts").path("returned").asInt()).isEqualTo(2);
        JsonNode best = explained.path("results").get(0);
        assertThat(best.path("id").asString()).isEqualTo(fogHorn);
        assertThat(best.path("rank").asInt()).isEqualTo(1);
        assertThat(best.path("channels").path("dense").path("rank").asInt()).isEqualTo(1);
        assertThat(best.path("channels").path("lexical").path("rank").asInt()).isEqualTo(1);
        assertThat(best.path("fused").asDouble()).isPositive();
        assertThat(best.path("score").asDouble()).isGreaterThan(explained.path("results").get(1).path("score").asDouble());
        assertThat(explained.path("results").get(1).path("channels").has("lexical")).isFalse();
        assertThat(ok(variant(quiet, "explain", Map.of("query", "fog horn", "channels", List.of("lexical")))).body()
                .path("counts").path("candidates").has("dense")).isFalse();

        // A plain recall of the fog horn alone is counted; when its count arrives (the query service flushes counts
        // every second, the worker applies them in order), the explained recalls, which came before it, would have too.
        ok(quiet.api().recall(Map.of("query", "fog horn", "limit", 1)));
        int fogHornAccesses = 0;
        for (int i = 0; i < 150 && fogHornAccesses == 0; i++) {
            Thread.sleep(100);
            fogHornAccesses = ok(quiet.api().get("/memories/" + fogHorn)).body().path("access_count").asInt();
        }
        assertThat(fogHornAccesses).as("the recall counts once, the three explains not at all").isEqualTo(1);
        assertThat(ok(quiet.api().get("/memories/" + ferry)).body().path("access_count").asInt()).isZero();
    }
}
