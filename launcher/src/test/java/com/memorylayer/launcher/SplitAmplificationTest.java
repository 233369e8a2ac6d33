package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Splitting must not turn a body the gateway accepts into far more memory than the body (issue 24): a CSV repeats
 * its header in every row's item, and eight such previews of 1.95 MB from one key once threw OutOfMemoryError in the
 * broker and the coordinator. They are refused with a code before any row is built, and another tenant goes on.
 */
class SplitAmplificationTest {

    private static Response send(TestWorkspace ws, String route, Object body) {
        return ws.api().send("/v1/workspaces/" + ws.slug() + route, "POST", ApiClient.json(body), "application/json",
                Map.of("X-API-Key", ws.key()));
    }

    /** The reproduced body: 900 column names of 1,100 characters and 530 rows, 1.95 MB, about 530 MB once split. */
    private static String wideCsv() {
        String header = IntStream.range(0, 900).mapToObj(i -> String.format("c%04d", i) + "x".repeat(1_095))
                .collect(Collectors.joining(","));
        String row = IntStream.range(0, 900).mapToObj(i -> "1").collect(Collectors.joining(","));
        return header + "\n" + (row + "\n").repeat(530);
    }

    @Test
    void eightParallelWideCsvPreviewsAreRefusedWithACodeAndAnotherTenantStillWritesAndRecalls() throws Exception {
        TestWorkspace flooder = TestPlatform.newWorkspace();
        TestWorkspace other = TestPlatform.newWorkspace();
        Map<String, Object> body = Map.of("content", wideCsv(), "split_mode", "csv");
        assertThat(ApiClient.json(body).length()).isBetween(1_900_000, 2_000_000);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Response>> previews = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                previews.add(CompletableFuture.supplyAsync(() -> send(flooder, "/ingest/preview", body), pool));
            }
            // While the previews are being answered, another workspace writes and reads its own write.
            String token = other.api().token(other.api().remember("The billing service moved to the eu-west-2 region"));
            assertThat(other.api().recallContents("where is the billing service", 1, token))
                    .containsExactly("The billing service moved to the eu-west-2 region");

            for (CompletableFuture<Response> preview : previews) {
                Response answer = preview.join();
                assertThat(answer.status()).as(answer.raw()).isEqualTo(413);
                assertThat(answer.code()).isEqualTo("csv_header_too_long");
                assertThat(answer.body().path("details").path("max_item_characters").asInt()).isEqualTo(32_000);
            }
        } finally {
            pool.shutdownNow();
        }
        // The same body as a run is refused the same way, and nothing of it was accepted.
        Response ingest = send(flooder, "/ingest", body);
        assertThat(ingest.status()).as(ingest.raw()).isEqualTo(413);
        assertThat(ingest.code()).isEqualTo("csv_header_too_long");
        assertThat(flooder.api().get("/ingest/runs").body().path("runs")).isEmpty();

        // The flooding key itself is not locked out: a CSV of sensible width still previews.
        Response fine = send(flooder, "/ingest/preview", Map.of("content", "name,team\nAlice,billing\n", "split_mode", "csv"));
        assertThat(fine.status()).as(fine.raw()).isEqualTo(200);
        assertThat(fine.body().path("first").get(0).path("content").asString()).isEqualTo("name: Alice\nteam: billing");
    }

    @Test
    void rowsThatEachFitButTogetherWouldMakeMoreThanARequestMayAreRefusedAtTheFirstRowPastTheBudget() {
        TestWorkspace ws = TestPlatform.newWorkspace();
        // 30 columns of 1,000 characters: each item is about 30,100 characters, the 133rd passes 4,000,000.
        String header = IntStream.range(0, 30).mapToObj(i -> String.format("c%02d", i) + "x".repeat(997))
                .collect(Collectors.joining(","));
        String row = IntStream.range(0, 30).mapToObj(i -> "1").collect(Collectors.joining(","));
        Response answer = send(ws, "/ingest/preview", Map.of("content", header + "\n" + (row + "\n").repeat(900), "split_mode", "csv"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("split_too_large");
        assertThat(answer.body().path("message").asString()).contains("row 133");
        assertThat(answer.body().path("details").path("max_split_characters").asLong()).isEqualTo(4_000_000L);
    }
}
