package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.ingest.graph.RebuildGraphCommand;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The entity graph over the public API, through the whole platform: memories written through the gateway, applied
 * by the ingest worker (which extracts the entities), read back from the graph routes; an erased memory leaving no
 * trace; the operator's rebuild giving the same graph.
 */
class EntityGraphTest {

    static TestWorkspace ws;
    static String kubernetesMemory;
    static String erasedMemory;

    @BeforeAll
    static void memories() {
        ws = TestPlatform.newWorkspace();
        stored("Priya uses Kubernetes for the billing service in Berlin.", "s-1");
        kubernetesMemory = stored("Priya and Tom moved the billing service to Kubernetes last spring.", "s-1");
        stored("Tom works with Priya at Stanford University.", "s-2");
        erasedMemory = stored("Jolene visited Tom in Lisbon.", "s-3");
        stored("Caroline painted a sunset in Sweden.", "s-4");
    }

    private static String path(String route) {
        return "/v1/workspaces/" + ws.slug() + route;
    }

    private static Response get(String route) {
        return ws.api().send(path(route), "GET", null, null, Map.of("X-API-Key", ws.key()));
    }

    private static String stored(String content, String session) {
        Response response = ws.api().post(path("/memories?wait=true"), ApiClient.json(Map.of("content", content, "session_id", session)),
                Map.of("X-API-Key", ws.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("id").asString();
    }

    private static JsonNode entityNamed(String q) {
        Response search = get("/entities?q=" + q);
        assertThat(search.status()).as(search.raw()).isEqualTo(200);
        for (JsonNode entity : search.body().path("entities")) {
            if (entity.path("name").asString().equalsIgnoreCase(q)) {
                return entity;
            }
        }
        return null;
    }

    @Test
    void searchFindsEntitiesByNameAndTypeMostMentionedFirst() {
        Response people = get("/entities?type=person");
        assertThat(people.status()).as(people.raw()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        people.body().path("entities").forEach(e -> names.add(e.path("name").asString()));
        assertThat(names).contains("Priya", "Tom", "Caroline");
        assertThat(names.indexOf("Priya")).isLessThan(names.indexOf("Caroline"));

        JsonNode priya = entityNamed("priya");
        assertThat(priya.path("mention_count").asInt()).isEqualTo(3);
        assertThat(entityNamed("Kubernetes").path("type").asString()).isEqualTo("tool");
        assertThat(get("/entities?type=planet").status()).isEqualTo(400);
        assertThat(get("/entities?type=planet").code()).isEqualTo("invalid_request");
    }

    @Test
    void anEntityShowsItsRelationsItsMemoriesInTimeOrderAndItsNeighbourhood() {
        String priya = entityNamed("Priya").path("id").asString();
        JsonNode entity = get("/entities/" + priya).body();
        List<String> relations = new ArrayList<>();
        entity.path("relations").forEach(r -> relations.add(r.path("relation").asString() + ":" + r.path("entity").path("name").asString()));
        assertThat(relations).contains("uses:Kubernetes", "co_occurs:Tom");

        JsonNode memories = get("/entities/" + priya + "/memories").body().path("memories");
        assertThat(memories).hasSize(3);
        assertThat(memories.get(0).path("content").asString()).startsWith("Priya uses Kubernetes");

        JsonNode oneHop = get("/entities/" + priya + "/graph?depth=1").body();
        JsonNode twoHops = get("/entities/" + priya + "/graph?depth=2").body();
        assertThat(names(oneHop)).contains("Priya", "Tom", "Kubernetes").doesNotContain("Jolene");
        assertThat(names(twoHops)).contains("Jolene", "Lisbon");
        assertThat(oneHop.path("edges").size()).isPositive();
        assertThat(get("/entities/" + priya + "/graph?depth=4").status()).isEqualTo(400);
        Response unknown = get("/entities/00000000-0000-0000-0000-000000000001");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("entity_not_found");
    }

    @Test
    void recallWithTheEntityChannelRanksTheNamedEntitysMemoriesAndSaysWhichMatched() {
        Response recall = ws.api().recall(Map.of("query", "what does priya's team run on?", "limit", 5,
                "channels", List.of("dense", "lexical", "context", "entity")));
        assertThat(recall.status()).as(recall.raw()).isEqualTo(200);
        List<String> matched = new ArrayList<>();
        recall.body().path("entities").forEach(e -> matched.add(e.path("name").asString()));
        assertThat(matched).containsExactly("Priya");
        JsonNode top = recall.body().path("results").get(0);
        assertThat(top.path("content").asString()).contains("Priya");
        assertThat(top.path("explanation").path("entity_rank").isNumber()).isTrue();

        Response without = ws.api().recall(Map.of("query", "what does priya's team run on?", "limit", 5));
        assertThat(without.body().path("entities").isNull() || without.body().path("entities").isMissingNode()).isTrue();
        assertThat(without.body().path("results").get(0).path("explanation").path("entity_rank").isNumber()).isFalse();
    }

    @Test
    void backlinksAreMemoriesSharingAnEntity() {
        JsonNode backlinks = get("/memories/" + kubernetesMemory + "/backlinks").body().path("backlinks");
        List<String> contents = new ArrayList<>();
        backlinks.forEach(b -> contents.add(b.path("content").asString()));
        assertThat(contents).contains("Priya uses Kubernetes for the billing service in Berlin.",
                "Tom works with Priya at Stanford University.").doesNotContain("Caroline painted a sunset in Sweden.");
        assertThat(backlinks.get(0).path("via_entities").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void communitiesGroupEntitiesThatAppearTogether() {
        JsonNode communities = get("/graph/communities?min_size=2").body().path("communities");
        boolean priyaWithTom = false;
        for (JsonNode community : communities) {
            List<String> members = new ArrayList<>();
            community.path("entities").forEach(e -> members.add(e.path("name").asString()));
            priyaWithTom |= members.contains("Priya") && members.contains("Tom");
            assertThat(members.contains("Caroline") && members.contains("Priya")).as("Caroline shares nothing with Priya").isFalse();
        }
        assertThat(priyaWithTom).isTrue();
        assertThat(get("/graph/communities?min_size=1").status()).isEqualTo(400);
    }

    @Test
    void anErasedMemoryLeavesNoEntityBehindAndARebuildGivesTheSameGraph() throws Exception {
        TestWorkspace own = TestPlatform.newWorkspace();
        String slug = own.slug();
        Response first = own.api().post("/v1/workspaces/" + slug + "/memories?wait=true",
                ApiClient.json(Map.of("content", "Audrey adopted a dog in Portland.")), Map.of("X-API-Key", own.key()));
        Response second = own.api().post("/v1/workspaces/" + slug + "/memories?wait=true",
                ApiClient.json(Map.of("content", "Audrey met Nate at the Oregon Zoo.")), Map.of("X-API-Key", own.key()));
        assertThat(first.status()).isEqualTo(200);
        String before = entities(own);
        assertThat(before).contains("Nate", "Portland");

        String rebuilt = rebuild(slug);
        assertThat(rebuilt).contains("MEMORYLAYER_GRAPH_MEMORIES=2");
        assertThat(entities(own)).isEqualTo(before);

        Response erased = own.api().send("/v1/workspaces/" + slug + "/memories/" + second.body().path("id").asString()
                + "?erase=true&wait=true", "DELETE", null, null, Map.of("X-API-Key", own.key()));
        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
        String after = entities(own);
        assertThat(after).contains("Audrey", "Portland").doesNotContain("Nate").doesNotContain("Oregon Zoo");
    }

    @Test
    void aliasesMergesTypesAndLinksArePeoplesWordAndSurviveARebuild() {
        TestWorkspace own = TestPlatform.newWorkspace();
        String base = "/v1/workspaces/" + own.slug();
        Map<String, String> key = Map.of("X-API-Key", own.key());
        String hey = own.api().post(base + "/memories?wait=true", ApiClient.json(Map.of("content", "Hey Mel! How was Paris?")), key)
                .body().path("id").asString();
        String trip = own.api().post(base + "/memories?wait=true", ApiClient.json(Map.of("content", "Melanie's trip to Paris was great.")), key)
                .body().path("id").asString();
        String melanie = idOf(own, "Melanie");
        String mel = idOf(own, "Mel");
        assertThat(mel).isNotNull();

        Response merged = own.api().send(base + "/entities/merge?wait=true", "POST",
                ApiClient.json(Map.of("into", melanie, "from", List.of(mel))), "application/json", key);
        assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
        assertThat(idOf(own, "Mel")).as("merged away").isNull();
        JsonNode folded = own.api().send(base + "/entities/" + melanie, "GET", null, null, key).body();
        assertThat(folded.path("mention_count").asInt()).isEqualTo(2);
        assertThat(folded.path("aliases").toString()).contains("Mel");

        Response typed = own.api().send(base + "/entities/" + idOf(own, "Paris") + "?wait=true", "PATCH",
                ApiClient.json(Map.of("type", "organisation", "aliases_add", List.of("City of Light"))), "application/json", key);
        assertThat(typed.status()).as(typed.raw()).isEqualTo(200);
        assertThat(own.api().send(base + "/entities?q=city%20of%20light", "GET", null, null, key).body().path("entities").get(0)
                .path("type").asString()).isEqualTo("organisation");

        Response linked = own.api().send(base + "/memories/" + trip + "/links?wait=true", "POST",
                ApiClient.json(Map.of("to", hey, "relation", "follows_up")), "application/json", key);
        assertThat(linked.status()).as(linked.raw()).isEqualTo(200);
        JsonNode backlinks = own.api().send(base + "/memories/" + hey + "/backlinks", "GET", null, null, key).body().path("backlinks");
        assertThat(backlinks.get(0).path("id").asString()).isEqualTo(trip);
        assertThat(backlinks.get(0).path("link").path("relation").asString()).isEqualTo("follows_up");

        String before = entities(own);
        rebuild(own.slug());
        assertThat(entities(own)).as("a rebuild keeps what people said").isEqualTo(before);

        assertThat(own.api().send(base + "/entities/" + melanie, "PATCH", ApiClient.json(Map.of("type", "planet")),
                "application/json", key).status()).isEqualTo(400);
        Response unknown = own.api().send(base + "/entities/merge", "POST", ApiClient.json(Map.of("into", melanie,
                "from", List.of("00000000-0000-0000-0000-000000000002"))), "application/json", key);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("entity_not_found");
        assertThat(own.api().send(base + "/memories/" + trip + "/links", "POST", ApiClient.json(Map.of("to", trip)),
                "application/json", key).status()).isEqualTo(400);
    }

    private static String idOf(TestWorkspace own, String name) {
        Response search = own.api().send("/v1/workspaces/" + own.slug() + "/entities?limit=500", "GET", null, null,
                Map.of("X-API-Key", own.key()));
        for (JsonNode entity : search.body().path("entities")) {
            if (entity.path("name").asString().equals(name)) {
                return entity.path("id").asString();
            }
        }
        return null;
    }

    private static String entities(TestWorkspace own) {
        Response response = own.api().send("/v1/workspaces/" + own.slug() + "/entities?limit=500", "GET", null, null,
                Map.of("X-API-Key", own.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        response.body().path("entities").forEach(e -> rows.add(e.path("id").asString() + " " + e.path("name").asString() + " "
                + e.path("type").asString() + " " + e.path("mention_count").asInt()));
        rows.sort(null);
        return String.join("\n", rows);
    }

    private static String rebuild(String slug) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new RebuildGraphCommand(TestPlatform.get().postgres().dataSource())
                .run(List.of("rebuild-graph", slug), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode graph) {
        List<String> names = new ArrayList<>();
        graph.path("nodes").forEach(n -> names.add(n.path("name").asString()));
        return names;
    }
}
