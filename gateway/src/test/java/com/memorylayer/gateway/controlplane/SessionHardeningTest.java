package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.session.ActiveSessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions cost the shared session store a row, so only people who sign in get one: anonymous page views leave the session
 * count where it was and spend their address's tokens; a signed-in session ends at its absolute lifetime; and past
 * the ceiling a new sign-in is refused rather than admitted.
 */
class SessionHardeningTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static final SettableClock clock = new SettableClock();
    static final HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        gateway = harness.startGateway(Map.of("memorylayer.rate-limit.auth-per-minute", "1000",
                "memorylayer.rate-limit.api-per-minute", "1000"), clock);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void anonymousPageViewsCreateNoSession() throws Exception {
        int before = sessions(gateway);
        for (int i = 0; i < 50; i++) {
            for (String path : List.of("/app/x" + i, "/app/workspaces/w" + i + "/keys", "/invites/" + i, "/app", "/login")) {
                HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path).isIn(200, 302);
                assertThat(answer.headers().allValues("Set-Cookie")).as(path)
                        .noneMatch(c -> c.startsWith("MEMORYLAYER_SESSION="));
            }
        }
        assertThat(sessions(gateway)).isEqualTo(before);
    }

    @Test
    void signingInStillReturnsToThePageFirstAskedFor() {
        harness.nextGitHubUser(9001, "returning");
        WebSession browser = new WebSession(gateway.url());
        assertThat(browser.get("/app?from=bookmark").uri().getPath()).isEqualTo("/login");

        HttpResponse<String> landed = browser.signIn();

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/app");
        assertThat(landed.uri().getQuery()).isEqualTo("from=bookmark");
    }

    @Test
    void anonymousPageViewsSpendTheAddresssBucket() throws Exception {
        GatewayHarness.Gateway tight = harness.startGateway(Map.of("memorylayer.rate-limit.api-per-minute", "5"), clock);
        for (int i = 1; i <= 5; i++) {
            assertThat(anonymousGet(tight, "/app/page" + i).statusCode()).as("view %d", i).isEqualTo(302);
        }
        HttpResponse<String> refused = anonymousGet(tight, "/invites/some-token");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"");
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void aSignedInSessionEndsAtItsAbsoluteLifetime() {
        harness.nextGitHubUser(9002, "long-lived");
        WebSession browser = new WebSession(gateway.url());
        assertThat(browser.signIn().uri().getPath()).isEqualTo("/app");

        clock.advance(Duration.ofDays(6));
        assertThat(browser.get("/app").uri().getPath()).as("within the lifetime").isEqualTo("/app");
        clock.advance(Duration.ofDays(1));
        assertThat(browser.get("/app").uri().getPath()).as("past the lifetime").isEqualTo("/login");
        assertThat(browser.json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void pastTheCeilingANewSignInIsRefusedAndExistingSessionsGoOn() {
        // The ceiling counts the sessions of all gateways on this Postgres: the other tests' sessions count too.
        int existing = sessions(gateway);
        GatewayHarness.Gateway small = harness.startGateway(Map.of("memorylayer.sessions.max-active",
                Integer.toString(existing + 2), "memorylayer.rate-limit.auth-per-minute", "1000"), clock);
        harness.nextGitHubUser(9101, "first");
        WebSession first = new WebSession(small.url());
        assertThat(first.signIn().uri().getPath()).isEqualTo("/app");
        harness.nextGitHubUser(9102, "second");
        WebSession second = new WebSession(small.url());
        assertThat(second.signIn().uri().getPath()).isEqualTo("/app");
        assertThat(sessions(small)).isEqualTo(existing + 2);

        harness.nextGitHubUser(9103, "third");
        HttpResponse<String> refused = new WebSession(small.url()).signIn();

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("\"code\":\"too_many_sessions\"");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(first.get("/app").uri().getPath()).isEqualTo("/app");
        assertThat(sessions(small)).isEqualTo(existing + 2);
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfThePerson() {
        harness.nextGitHubUser(9201, "lost-laptop");
        WebSession laptop = new WebSession(gateway.url());
        assertThat(laptop.signIn().uri().getPath()).isEqualTo("/app");
        harness.nextGitHubUser(9201, "lost-laptop");
        WebSession phone = new WebSession(gateway.url());
        assertThat(phone.signIn().uri().getPath()).isEqualTo("/app");
        harness.nextGitHubUser(9202, "someone-else");
        WebSession other = new WebSession(gateway.url());
        assertThat(other.signIn().uri().getPath()).isEqualTo("/app");
        clock.advance(Duration.ofSeconds(1));

        assertThat(phone.json("POST", "/v1/me/sign-out-everywhere", null).statusCode()).isEqualTo(204);

        assertThat(laptop.json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(401);
        assertThat(phone.json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(401);
        assertThat(other.json("GET", "/v1/workspaces", null, false).statusCode()).as("another person").isEqualTo(200);
        // Signing in again works.
        clock.advance(Duration.ofSeconds(1));
        harness.nextGitHubUser(9201, "lost-laptop");
        assertThat(laptop.signIn().uri().getPath()).isEqualTo("/app");
        assertThat(laptop.json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(200);
    }

    @Test
    void noSessionKeepsTheGitHubAccessToken() {
        harness.nextGitHubUser(9301, "token-check");
        WebSession browser = new WebSession(gateway.url());
        assertThat(browser.signIn().uri().getPath()).isEqualTo("/app");

        ActiveSessions sessions = gateway.context().getBean(ActiveSessions.class);
        assertThat(sessions.holdingAttribute("SPRING_SECURITY_CONTEXT")).as("signed-in sessions").isPositive();
        assertThat(sessions.holdingAttribute("AuthorizedClient")).isZero();
    }

    @Test
    void aGatewayServingAPublicHostSendsSecureHostPrefixedCookies() throws Exception {
        GatewayHarness.Gateway published = harness.startGateway(Map.of("memorylayer.http.allowed-hosts",
                "localhost,127.0.0.1,memory.example.com", "memorylayer.rate-limit.auth-per-minute", "1000"), clock);
        HttpResponse<String> start = anonymousGet(published, "/oauth2/authorization/github");
        assertThat(start.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("__Host-MEMORYLAYER_SESSION=").contains("Secure").contains("Path=/").doesNotContain("Domain="));
        // The dev gateway, on local names only, keeps plain cookies a plain-HTTP client can send back.
        assertThat(anonymousGet(gateway, "/oauth2/authorization/github").headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("MEMORYLAYER_SESSION=").doesNotContain("Secure"));
    }

    private static HttpResponse<String> anonymousGet(GatewayHarness.Gateway target, String path) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create(target.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int sessions(GatewayHarness.Gateway target) {
        return target.context().getBean(ActiveSessions.class).count();
    }
}
