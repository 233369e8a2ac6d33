package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import com.memorylayer.schemas.api.ConsistencyTokens;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Consistency tokens are signed, so a made-up one costs a lookup rather than a ten-second wait; and waiting recalls
 * are bounded per workspace and hold no thread, so one tenant's flood of waits leaves another tenant's recall fast.
 */
class ConsistencyWaitTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final TestWorkspace ws = TestPlatform.newWorkspace();

    @Test
    void madeUpAlteredAndUnsignedTokensAreAnsweredAtOnce() {
        byte[] shaped = new byte[56];
        RANDOM.nextBytes(shaped);
        String madeUp = "v3." + Base64.getUrlEncoder().withoutPadding().encodeToString(shaped);
        String genuine = tokens().issue(ws.workspace().id(), UUID.randomUUID(), Instant.now());
        String altered = genuine.substring(0, 10) + (genuine.charAt(10) == 'A' ? 'B' : 'A') + genuine.substring(11);
        String unsigned = secondForm(ws.workspace().id(), UUID.randomUUID());

        for (String token : List.of(madeUp, altered, unsigned)) {
            long started = System.nanoTime();
            Response response = ws.api().recall(Map.of("query", "anything", "consistency_token", token));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.status()).as(token).isEqualTo(400);
            assertThat(response.code()).as(token).isEqualTo("invalid_consistency_token");
            // The wait is 10 s: a refusal after a wait would take at least that.
            assertThat(millis).as("answered in %d ms", millis).isLessThan(2_000);
        }
    }

    @Test
    void aStaleTokenIsHonouredForAnAppliedWriteAndOtherwiseRefusedAtOnce() {
        String written = ws.api().token(ws.api().remember("Stale tokens still see what was written"));
        ws.api().recallContents("stale tokens", 1, written);
        UUID eventId = tokens().read(written).eventId();
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));

        assertThat(ws.api().recallContents("stale tokens", 1, tokens().issue(ws.workspace().id(), eventId, hourAgo)))
                .containsExactly("Stale tokens still see what was written");

        long started = System.nanoTime();
        Response stale = ws.api().recall(Map.of("query", "x",
                "consistency_token", tokens().issue(ws.workspace().id(), UUID.randomUUID(), hourAgo)));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.code()).isEqualTo("consistency_token_expired");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void threeHundredWaitingRecallsOnOneWorkspaceLeaveAnotherWorkspacesRecallFast() throws Exception {
        TestWorkspace flooded = TestPlatform.newWorkspace(Set.of(Scope.READ, Scope.WRITE));
        // Two keys, so the flood stays within each key's 240 calls a minute and reaches the waits.
        String secondKey = TestPlatform.issueKey(flooded, Set.of(Scope.READ), null).token().value();
        ApiClient second = new ApiClient(TestPlatform.get().gatewayUrl(), flooded.slug(), secondKey);
        String token = ws.api().token(ws.api().remember("The bystander's memory"));
        ws.api().recallContents("bystander", 1, token);

        List<Future<Response>> flood = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 300; i++) {
                ApiClient client = i % 2 == 0 ? flooded.api() : second;
                // Genuine tokens of writes that will never be applied: each one may wait the full 10 s.
                String never = tokens().issue(flooded.workspace().id(), UUID.randomUUID(), Instant.now());
                flood.add(clients.submit(() -> client.recall(Map.of("query", "flood", "consistency_token", never))));
            }
            List<Long> bystanderMillis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                assertThat(ws.api().recallContents("bystander", 1, token)).containsExactly("The bystander's memory");
                bystanderMillis.add((System.nanoTime() - started) / 1_000_000);
            }
            // Before waits were bounded, 300 of them held every gateway thread for 10 s.
            assertThat(bystanderMillis).as("the other workspace's recalls (ms)").allMatch(ms -> ms < 3_000);

            int busy = 0;
            int timedOut = 0;
            for (Future<Response> answer : flood) {
                Response response = answer.get();
                assertThat(response.status()).as(response.raw()).isEqualTo(503);
                if (response.code().equals("consistency_waits_busy")) {
                    assertThat(response.headers().firstValue("Retry-After")).contains("1");
                    busy++;
                } else {
                    assertThat(response.code()).isEqualTo("consistency_timeout");
                    timedOut++;
                }
            }
            assertThat(timedOut).as("waits the workspace was allowed").isBetween(1, 8);
            assertThat(busy).isEqualTo(300 - timedOut);
        }
    }

    private static ConsistencyTokens tokens() {
        return TestPlatform.get().gateway().getBean(ConsistencyTokens.class);
    }

    /** The unsigned v2 form earlier releases issued: workspace and event id, nothing to check them by. */
    private static String secondForm(UUID workspace, UUID eventId) {
        ByteBuffer bytes = ByteBuffer.allocate(32).putLong(workspace.getMostSignificantBits())
                .putLong(workspace.getLeastSignificantBits()).putLong(eventId.getMostSignificantBits())
                .putLong(eventId.getLeastSignificantBits());
        return "v2." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
