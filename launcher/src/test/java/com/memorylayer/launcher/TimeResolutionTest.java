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

/**
 * Times named in a query, resolved against the request's reference date, through the whole platform: the memories
 * of that window rank first, the response says which window it read, and a recall without the time channel reads
 * none.
 */
class TimeResolutionTest {

    static TestWorkspace ws;
    static String may;
    static String june;
    static String august;

    @BeforeAll
    static void memories() {
        ws = TestPlatform.newWorkspace();
        // The same words three times: only the time a query names can tell them apart.
        may = write("The team shipped a release of the billing service to customers.", "2023-05-10T09:00:00Z");
        june = write("The team shipped a release of the billing service to customers.", "2023-06-20T09:00:00Z");
        august = write("The team shipped a release of the billing service to customers.", "2023-08-10T09:00:00Z");
    }

    private static String write(String content, String createdAt) {
        Response response = ws.api().post("/v1/workspaces/" + ws.slug() + "/memories?wait=true",
                ApiClient.json(Map.of("content", content, "created_at", createdAt, "dedupe", false)), Map.of("X-API-Key", ws.key()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("id").asString();
    }

    private static Response recall(Map<String, Object> body) {
        Response response = ws.api().recall(body);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response;
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.body().path("results").forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }

    private static JsonNode result(Response response, String id) {
        for (JsonNode r : response.body().path("results")) {
            if (r.path("id").asString().equals(id)) {
                return r;
            }
        }
        throw new AssertionError(id + " not in " + response.raw());
    }

    @Test
    void aMonthNamedInTheQueryBringsThatMonthsMemoriesFirst() {
        Response answer = recall(Map.of("query", "When did the team ship the billing service in May 2023?", "limit", 3));
        assertThat(ids(answer).getFirst()).isEqualTo(may);
        assertThat(answer.body().path("time_window").path("from").asString()).isEqualTo("2023-05-01T00:00:00Z");
        assertThat(answer.body().path("time_window").path("to").asString()).isEqualTo("2023-06-01T00:00:00Z");
        assertThat(answer.body().path("time_window").path("expression").asString()).isEqualTo("may 2023");
        assertThat(result(answer, may).path("explanation").path("time_rank").asInt()).isEqualTo(1);
        assertThat(result(answer, august).path("explanation").path("time_rank").isNull()).isTrue();
    }

    @Test
    void relativeTimesResolveAgainstTheReferenceDate() {
        Response lastMonth = recall(Map.of("query", "what did the team ship last month?", "reference_date", "2023-07-03", "limit", 3));
        assertThat(ids(lastMonth).getFirst()).isEqualTo(june);
        assertThat(lastMonth.body().path("time_window").path("from").asString()).isEqualTo("2023-06-01T00:00:00Z");

        Response recently = recall(Map.of("query", "what did the team ship recently?", "reference_date", "2023-08-20T12:00:00Z",
                "limit", 3));
        assertThat(ids(recently).getFirst()).isEqualTo(august);
    }

    @Test
    void withoutTheTimeChannelOrATimeNoWindowIsRead() {
        Response without = recall(Map.of("query", "what did the team ship in May 2023?", "channels", List.of("dense", "lexical")));
        assertThat(without.body().path("time_window").isNull()).isTrue();
        Response timeless = recall(Map.of("query", "what did the team ship?"));
        assertThat(timeless.body().path("time_window").isNull()).isTrue();

        Response bad = ws.api().recall(Map.of("query", "what shipped last week", "reference_date", "last tuesday"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("details").path("field").asString()).isEqualTo("reference_date");
    }
}
