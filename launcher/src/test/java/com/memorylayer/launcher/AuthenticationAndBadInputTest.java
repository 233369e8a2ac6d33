package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import com.memorylayer.schemas.api.ConsistencyTokens;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal is a 4xx with a stable code and a message, never a stack trace. */
class AuthenticationAndBadInputTest {

    static TestWorkspace ws;
    static ApiClient anonymous;

    @BeforeAll
    static void workspace() {
        ws = TestPlatform.newWorkspace();
        anonymous = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), "");
    }

    private static Response rememberWith(String slug, Map<String, String> headers, String body) {
        return anonymous.post("/v1/workspaces/" + slug + "/memories", body, headers);
    }

    private static void assertCleanError(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.body().path("message").asString()).isNotBlank();
        assertThat(response.raw()).doesNotContain("Exception", "at com.", "at org.", "trace");
    }

    @Test
    void aCallWithoutAKeyIsUnauthorized() {
        assertCleanError(rememberWith(ws.slug(), Map.of(), "{\"content\":\"x\"}"), 401, "missing_api_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer nonsense", "Bearer mlk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Basic abc"})
    void aMalformedOrUnknownKeyIsUnauthorized(String authorization) {
        assertCleanError(rememberWith(ws.slug(), Map.of("Authorization", authorization), "{\"content\":\"x\"}"), 401, "invalid_api_key");
    }

    @Test
    void aKeyWithTheRightPrefixButAWrongSecretIsUnauthorized() {
        String forged = ws.key().substring(0, ws.key().lastIndexOf('_') + 1) + "A".repeat(43);
        assertCleanError(rememberWith(ws.slug(), Map.of("X-API-Key", forged), "{\"content\":\"x\"}"), 401, "invalid_api_key");
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequest() {
        IssuedApiKey key = TestPlatform.issueKey(ws, Set.of(Scope.READ, Scope.WRITE), null);
        assertThat(rememberWith(ws.slug(), Map.of("X-API-Key", key.token().value()), "{\"content\":\"before revoke\"}").status())
                .isEqualTo(202);

        TestPlatform.get().gateway().getBean(ApiKeyIssuer.class).revoke(ws.workspace().id(), key.id());

        assertCleanError(rememberWith(ws.slug(), Map.of("X-API-Key", key.token().value()), "{\"content\":\"after\"}"), 401, "invalid_api_key");
    }

    @Test
    void anExpiredKeyIsRefused() {
        IssuedApiKey key = TestPlatform.issueKey(ws, Set.of(Scope.WRITE), OffsetDateTime.now().minusMinutes(1));
        assertCleanError(rememberWith(ws.slug(), Map.of("X-API-Key", key.token().value()), "{\"content\":\"x\"}"), 401, "invalid_api_key");
    }

    @Test
    void aReadOnlyKeyCannotRemember() {
        IssuedApiKey key = TestPlatform.issueKey(ws, Set.of(Scope.READ), null);
        assertCleanError(rememberWith(ws.slug(), Map.of("X-API-Key", key.token().value()), "{\"content\":\"x\"}"), 403, "insufficient_scope");
    }

    @Test
    void anUnknownWorkspaceAndAnotherWorkspacesKeyGetTheSameAnswer() {
        TestWorkspace other = TestPlatform.newWorkspace();

        Response unknown = rememberWith("no-such-workspace", Map.of("X-API-Key", ws.key()), "{\"content\":\"x\"}");
        Response foreign = rememberWith(other.slug(), Map.of("X-API-Key", ws.key()), "{\"content\":\"x\"}");

        assertCleanError(unknown, 404, "workspace_not_found");
        assertCleanError(foreign, 404, "workspace_not_found");
        assertThat(foreign.body().path("message").asString()).isEqualTo(
                unknown.body().path("message").asString().replace("no-such-workspace", other.slug()));
    }

    @Test
    void emptyContentIsRefusedNamingTheField() {
        Response response = ws.api().remember(Map.of("content", "   "));
        assertCleanError(response, 400, "invalid_request");
        assertThat(response.body().path("details").path("field").asString()).isEqualTo("content");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"content\": 5}",
            "{\"content\": \"x\", \"tags\": \"not-an-array\"}",
            "{\"content\": \"x\", \"tags\": [1, 2]}",
            "{\"content\": \"x\", \"metadata\": [1]}",
            "{\"content\": \"x\", \"importance\": 7}",
            "{\"content\": \"x\", \"kind\": \"Has Spaces\"}",
            "{\"content\": \"x\", \"created_at\": \"yesterday\"}",
            "{\"content\": \"x\", \"colour\": \"blue\"}",
            "{}"})
    void wrongTypesAndUnknownFieldsAreRefused(String body) {
        assertCleanError(rememberWith(ws.slug(), Map.of("X-API-Key", ws.key()), body), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"content\":", "[1,2,3]", "not json"})
    void aBodyThatIsNotAJsonObjectIsRefused(String body) {
        assertCleanError(rememberWith(ws.slug(), Map.of("X-API-Key", ws.key()), body), 400, "invalid_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"query\": 5}", "{\"query\": \"\"}", "{\"query\": \"x\", \"limit\": \"ten\"}",
            "{\"query\": \"x\", \"limit\": 0}", "{\"query\": \"x\", \"limit\": 1000}", "{\"limit\": 3}",
            "{\"query\": \"x\", \"filters\": {}, \"unknown\": 1}", "{\"query\": \"x\", \"filters\": 5}"})
    void badRecallsAreRefused(String body) {
        assertCleanError(anonymous.post("/v1/workspaces/" + ws.slug() + "/recall", body, Map.of("X-API-Key", ws.key())),
                400, "invalid_request");
    }

    @Test
    void aForgedConsistencyTokenIsRefused() {
        Response response = ws.api().recall(Map.of("query", "x", "consistency_token", "v1.bogus"));
        assertCleanError(response, 400, "invalid_consistency_token");
    }

    @Test
    void aConsistencyTokenOfAnotherWorkspaceIsRefusedAtOnce() {
        TestWorkspace other = TestPlatform.newWorkspace();
        String foreignToken = other.api().token(other.api().remember("a memory in another workspace"));
        other.api().recallContents("memory", 1, foreignToken);

        long started = System.nanoTime();
        Response response = ws.api().recall(Map.of("query", "memory", "consistency_token", foreignToken));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertCleanError(response, 400, "consistency_token_of_another_workspace");
        assertThat(response.body().get("details").get("field").asString()).isEqualTo("consistency_token");
        // Refused before any wait: the consistency wait is 10 s, so a refusal after it would take at least that.
        assertThat(waitedMillis).isLessThan(5_000);
    }

    @Test
    void aFirstFormConsistencyTokenIsHonouredOnceItsWriteIsApplied() {
        // v1 tokens, issued before tokens were signed, carry the event id alone: anyone can make one up, so one is
        // never waited on, but it still works for a write already applied.
        String token = ws.api().token(ws.api().remember("Written when tokens had no workspace in them"));
        ws.api().recallContents("when tokens had no workspace", 1, token);
        String firstForm = firstForm(TestPlatform.get().gateway().getBean(ConsistencyTokens.class).read(token).eventId());

        assertThat(ws.api().recallContents("when tokens had no workspace", 1, firstForm))
                .containsExactly("Written when tokens had no workspace in them");
    }

    private static String firstForm(UUID eventId) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(eventId.getMostSignificantBits())
                .putLong(eventId.getLeastSignificantBits());
        return "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerInTheSameShape() {
        assertCleanError(anonymous.send("/v1/nothing-here", "GET", null, null, Map.of()), 404, "not_found");
        assertCleanError(anonymous.send("/v1/workspaces/" + ws.slug() + "/memories", "PUT", null, null,
                Map.of("X-API-Key", ws.key())), 405, "method_not_allowed");
    }

    @Test
    void aBodyOverTwoMillionBytesIsRefusedWith413() {
        String content = "x".repeat(2_000_000);
        Response response = ws.api().remember(java.util.Map.of("content", content));
        assertCleanError(response, 413, "payload_too_large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413WhileBeingRead() {
        byte[] body = ("{\"content\": \"" + "x".repeat(2_100_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Response response = ws.api().postChunked("/v1/workspaces/" + ws.slug() + "/memories", body, Map.of("X-API-Key", ws.key()));
        assertCleanError(response, 413, "payload_too_large");
    }

    @Test
    void aBodyJustUnderTheLimitIsNotRefusedForItsSize() {
        String content = "x".repeat(1_999_000);
        Response response = ws.api().remember(java.util.Map.of("content", content));
        // It is refused for its content length (32,000 characters), not for its size.
        assertCleanError(response, 400, "invalid_request");
    }

    @Test
    void aNonJsonContentTypeIsRefused() {
        assertCleanError(anonymous.send("/v1/workspaces/" + ws.slug() + "/memories", "POST", "content=x",
                "text/plain", Map.of("X-API-Key", ws.key())), 415, "unsupported_media_type");
    }

    @Test
    void nothingIsStoredForARefusedRemember() {
        TestWorkspace fresh = TestPlatform.newWorkspace();
        fresh.api().remember(Map.of("content", "x", "tags", "bad"));
        String token = fresh.api().token(fresh.api().remember("the only valid memory"));

        assertThat(fresh.api().recallContents("memory", 10, token)).containsExactly("the only valid memory");
    }

}
