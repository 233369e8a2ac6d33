package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /audit} and {@code GET /usage} serve what the audit-sink materialised from the calls made here,
 * through the whole platform: gateway → Kafka → audit-sink → Postgres → gateway.
 */
class AuditAndUsageReadsTest {

    private static TestWorkspace ws;
    private static ApiClient admin;
    private static IssuedApiKey readOnly;
    private static Instant started;

    @BeforeAll
    static void makeCalls() {
        started = Instant.now();
        ws = TestPlatform.newWorkspace();
        IssuedApiKey adminKey = TestPlatform.issueKey(ws, Set.of(Scope.READ, Scope.ADMIN), null);
        admin = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), adminKey.token().value());
        readOnly = TestPlatform.issueKey(ws, Set.of(Scope.READ), null);
        ApiClient reader = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), readOnly.token().value());
        String token = null;
        for (int i = 0; i < 3; i++) {
            token = ws.api().token(ws.api().remember("audited memory number " + i));
        }
        ws.api().recallContents("audited memory", 3, token);
        assertThat(reader.remember("not allowed").status()).isEqualTo(403);
    }

    @Test
    void theAuditLogListsTheCallsNewestFirstAndFiltersByKeyAndStatus() {
        JsonNode page = awaitAudit("?key_id=" + ws.keyId(), events -> events.size() >= 4);
        List<String> routes = new ArrayList<>();
        page.path("events").forEach(e -> routes.add(e.path("route").asString() + " " + e.path("status").asInt()));
        assertThat(routes).containsExactly("POST /v1/workspaces/{slug}/recall 200",
                "POST /v1/workspaces/{slug}/memories 202", "POST /v1/workspaces/{slug}/memories 202",
                "POST /v1/workspaces/{slug}/memories 202");

        JsonNode refused = awaitAudit("?status=403&key_id=" + readOnly.id(), events -> events.size() >= 1);
        assertThat(refused.path("events")).allSatisfy(e -> assertThat(e.path("status").asInt()).isEqualTo(403));
        assertThat(refused.path("events")).anySatisfy(e ->
                assertThat(e.path("route").asString()).isEqualTo("POST /v1/workspaces/{slug}/memories"));
        assertThat(admin.get("/audit?status=4xx").body().path("events")).isNotEmpty().allSatisfy(e ->
                assertThat(e.path("status").asInt()).isBetween(400, 499));
        assertThat(admin.get("/audit?status=5xx").body().path("events")).isEmpty();
        assertThat(admin.get("/audit?key_id=" + ws.keyId() + "&to=" + started).body().path("events")).isEmpty();
    }

    @Test
    void theAuditLogPagesWithoutGapsOrRepeats() {
        awaitAudit("?key_id=" + ws.keyId(), events -> events.size() >= 4);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response r = admin.get("/audit?key_id=" + ws.keyId() + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).isEqualTo(200);
            r.body().path("events").forEach(e -> assertThat(seen.add(e.path("event_id").asString())).isTrue());
            cursor = r.body().path("next_cursor").isNull() ? null : r.body().path("next_cursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(4);
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void usageCountsTheCallsPerWindowForTheWorkspaceAndPerKey() {
        JsonNode day = awaitUsage("?granularity=day&key_id=" + ws.keyId(),
                w -> w.size() == 1 && w.get(0).path("requests").asLong() >= 4 && w.get(0).path("memories_embedded").asLong() >= 3);
        JsonNode window = day.path("windows").get(0);
        assertThat(window.path("requests").asLong()).isEqualTo(4);
        assertThat(window.path("memories_written").asLong()).isEqualTo(3);
        assertThat(window.path("recalls").asLong()).isEqualTo(1);
        assertThat(window.path("memories_embedded").asLong()).isEqualTo(3);
        assertThat(window.path("embedding_tokens").asLong()).isGreaterThan(3 * 4);
        assertThat(window.path("client_errors").asLong()).isZero();
        // Three remember answers of about 130 bytes each and a recall answer, counted as written, not declared.
        assertThat(window.path("bytes_out").asLong()).isGreaterThan(3 * 100);
        assertThat(window.path("bytes_in").asLong()).isGreaterThan(3 * 30);

        JsonNode whole = awaitUsage("?granularity=day", w -> w.size() == 1 && w.get(0).path("client_errors").asLong() >= 1);
        assertThat(whole.path("windows").get(0).path("server_errors").asLong()).isZero();
        assertThat(whole.path("windows").get(0).path("requests").asLong()).isGreaterThanOrEqualTo(5);

        JsonNode minutes = admin.get("/usage?granularity=minute&key_id=" + ws.keyId()).body();
        long perMinute = 0;
        for (JsonNode w : minutes.path("windows")) {
            perMinute += w.path("requests").asLong();
        }
        assertThat(perMinute).isEqualTo(4);
    }

    @Test
    void readsAreScopedAndTheirParametersChecked() {
        ApiClient reader = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), readOnly.token().value());
        assertThat(reader.get("/audit").status()).isEqualTo(403);
        assertThat(reader.get("/usage").status()).isEqualTo(200);
        TestWorkspace other = TestPlatform.newWorkspace();
        Response foreign = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), other.key()).get("/usage");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("workspace_not_found");
        assertThat(other.api().get("/usage?key_id=" + ws.keyId()).body().path("windows")).isEmpty();

        for (String bad : List.of("/audit?limit=0", "/audit?limit=501", "/audit?statuss=200", "/audit?status=99",
                "/audit?from=yesterday", "/audit?cursor=abc", "/usage?granularity=hour", "/usage?key_id=nope",
                "/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "/audit?limit=1&limit=2")) {
            Response r = admin.get(bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).as(bad).isEqualTo("invalid_request");
            assertThat(r.body().path("details").path("field").asString()).as(bad).isNotEmpty();
        }
    }

    private static JsonNode awaitAudit(String query, Predicate<JsonNode> done) {
        return await("/audit" + query, body -> done.test(body.path("events")));
    }

    private static JsonNode awaitUsage(String query, Predicate<JsonNode> done) {
        return await("/usage" + query, body -> done.test(body.path("windows")));
    }

    private static JsonNode await(String route, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response last;
        do {
            last = admin.get(route);
            assertThat(last.status()).as(last.raw()).isEqualTo(200);
            if (done.test(last.body())) {
                return last.body();
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new AssertionError(route + " never got there; last answer: " + last.raw());
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
