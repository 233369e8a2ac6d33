package com.memorylayer.launcher;

import static com.memorylayer.schemas.jooq.control.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.ApiKeyToken;
import com.memorylayer.gateway.keys.CachedKeyRows;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gateways keep the key rows they authenticate with between calls (CachedKeyRows). Whatever changes a key reaches
 * every gateway at once: the gateway that revoked refuses the next call, the other one as soon as Postgres' notice
 * arrives (well within the 5 s these tests allow; kept rows would otherwise live 30 s), and a change made in Postgres
 * behind every gateway's back (an operator's SQL) is heard the same way.
 */
class KeyChangesAcrossGatewaysTest {

    private static final Duration NOTICE = Duration.ofSeconds(5);
    static TestWorkspace ws;

    @BeforeAll
    static void workspace() {
        ws = TestPlatform.newWorkspace();
        TestPlatform.secondGatewayUrl();
    }

    private static List<ApiClient> bothGateways(IssuedApiKey key) {
        return List.of(new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), key.token().value()),
                new ApiClient(TestPlatform.secondGatewayUrl(), ws.slug(), key.token().value()));
    }

    /** Both gateways have authenticated the key, so both hold its row. */
    private static List<ApiClient> keptOnBothGateways(Set<Scope> scopes) {
        IssuedApiKey key = TestPlatform.issueKey(ws, scopes, null);
        List<ApiClient> gateways = bothGateways(key);
        for (ApiClient gateway : gateways) {
            assertThat(gateway.get("/memories?limit=1").status()).isEqualTo(200);
        }
        return gateways;
    }

    private static Response awaitAnswer(ApiClient gateway, Function<ApiClient, Response> call,
            Predicate<Response> expected) throws InterruptedException {
        long deadline = System.nanoTime() + NOTICE.toNanos();
        Response response = call.apply(gateway);
        while (!expected.test(response) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            response = call.apply(gateway);
        }
        return response;
    }

    @Test
    void theGatewaysKeepKeyRowsWhileTheyHearChanges() throws InterruptedException {
        CachedKeyRows rows = TestPlatform.get().gateway().getBean(CachedKeyRows.class);
        long deadline = System.nanoTime() + NOTICE.toNanos();
        while (!rows.serving() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rows.serving()).isTrue();
    }

    @Test
    void aKeyRevokedOnOneGatewayIsRefusedThereAtOnceAndOnTheOtherOnTheNotice() throws InterruptedException {
        IssuedApiKey key = TestPlatform.issueKey(ws, Set.of(Scope.READ, Scope.WRITE), null);
        List<ApiClient> gateways = bothGateways(key);
        gateways.forEach(gateway -> assertThat(gateway.get("/memories?limit=1").status()).isEqualTo(200));

        TestPlatform.get().gateway().getBean(ApiKeyIssuer.class).revoke(ws.workspace().id(), key.id());

        Response here = gateways.get(0).get("/memories?limit=1");
        assertThat(here.status()).as(here.raw()).isEqualTo(401);
        assertThat(here.code()).isEqualTo("invalid_api_key");
        Response there = awaitAnswer(gateways.get(1), g -> g.get("/memories?limit=1"), r -> r.status() == 401);
        assertThat(there.status()).as(there.raw()).isEqualTo(401);
    }

    @Test
    void aKeyRevokedInPostgresBehindTheGatewaysIsRefusedByBoth() throws InterruptedException {
        List<ApiClient> gateways = keptOnBothGateways(Set.of(Scope.READ, Scope.WRITE));
        DSLContext dsl = TestPlatform.get().gateway().getBean(DSLContext.class);

        dsl.update(API_KEYS).set(API_KEYS.REVOKED_AT, OffsetDateTime.now())
                .where(API_KEYS.PREFIX.eq(prefixOf(gateways.get(0).key()))).execute();

        for (ApiClient gateway : gateways) {
            Response response = awaitAnswer(gateway, g -> g.get("/memories?limit=1"), r -> r.status() == 401);
            assertThat(response.status()).as(response.raw()).isEqualTo(401);
        }
    }

    @Test
    void aKeysScopesNarrowedInPostgresApplyOnBothGateways() throws InterruptedException {
        List<ApiClient> gateways = keptOnBothGateways(Set.of(Scope.READ, Scope.WRITE));
        DSLContext dsl = TestPlatform.get().gateway().getBean(DSLContext.class);

        dsl.update(API_KEYS).set(API_KEYS.SCOPES, new String[] {"read"})
                .where(API_KEYS.PREFIX.eq(prefixOf(gateways.get(0).key()))).execute();

        for (ApiClient gateway : gateways) {
            Response response = awaitAnswer(gateway, g -> g.remember("a write the key may no longer make"), r -> r.status() == 403);
            assertThat(response.status()).as(response.raw()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("insufficient_scope");
            assertThat(gateway.get("/memories?limit=1").status()).isEqualTo(200);
        }
    }

    private static String prefixOf(String token) {
        return ApiKeyToken.parse(token).orElseThrow().prefix();
    }
}
