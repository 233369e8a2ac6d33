package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.session.ActiveSessions;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser sessions live in Postgres, so any gateway serves any signed-in person: a session made on one gateway
 * works on another and outlives the gateway that made it, a sign-in begun on one gateway may finish on another (a
 * load balancer with no sticky sessions), and signing out everywhere on one gateway ends the sessions used on others.
 */
class SharedSessionsTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway first;
    static GatewayHarness.Gateway second;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        Map<String, String> settings = Map.of("memorylayer.rate-limit.auth-per-minute", "1000",
                // Behind a load balancer the gateway learns the public address from X-Forwarded-*.
                "server.forward-headers-strategy", "native");
        first = harness.startGateway(settings);
        second = harness.startGateway(settings);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aSessionMadeOnOneGatewayWorksOnTheOther() {
        WebSession onFirst = harness.signIn(first, 7001, "roaming");
        WebSession onSecond = onFirst.at(second.url());

        HttpResponse<String> page = onSecond.get("/app");
        assertThat(page.uri().getPath()).as("the dashboard, not the sign-in page").isEqualTo("/app");
        assertThat(page.body()).contains("roaming");
        // A state change too: the CSRF cookie is the browser's, the session the store's.
        assertThat(onSecond.json("POST", "/v1/workspaces", "{\"slug\":\"roaming-team\",\"name\":\"Roaming\"}")
                .statusCode()).isEqualTo(201);
        assertThat(onFirst.json("GET", "/v1/workspaces/roaming-team", null, false).statusCode()).isEqualTo(200);
    }

    @Test
    void aSignInBegunOnOneGatewayFinishesOnTheOther() {
        harness.nextGitHubUser(7002, "balanced");
        WebSession browser = new WebSession(first.url());
        HttpResponse<String> toGitHub = browser.step(URI.create(first.url() + "/oauth2/authorization/github"), Map.of());
        assertThat(toGitHub.statusCode()).isEqualTo(302);
        HttpResponse<String> back = browser.step(URI.create(toGitHub.headers().firstValue("Location").orElseThrow()), Map.of());
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPort()).as("GitHub sends the browser back to the public address").isEqualTo(URI.create(first.url()).getPort());

        // The load balancer hands the callback to the other gateway, saying which address the browser called.
        URI onSecond = URI.create(second.url() + callback.getRawPath() + "?" + callback.getRawQuery());
        HttpResponse<String> landed = browser.step(onSecond, Map.of("X-Forwarded-Proto", "http",
                "X-Forwarded-Host", callback.getHost(), "X-Forwarded-Port", Integer.toString(callback.getPort())));

        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
        assertThat(URI.create(landed.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/app");
        assertThat(browser.at(second.url()).get("/app").body()).contains("balanced");
        assertThat(browser.get("/app").body()).contains("balanced");
    }

    @Test
    void signingOutEverywhereOnOneGatewayEndsTheSessionsUsedOnTheOther() {
        WebSession laptop = harness.signIn(first, 7003, "two-devices");
        WebSession phone = harness.signIn(second, 7003, "two-devices");
        WebSession someoneElse = harness.signIn(first, 7004, "bystander");
        ActiveSessions sessions = first.context().getBean(ActiveSessions.class);
        int before = sessions.count();

        assertThat(phone.json("POST", "/v1/me/sign-out-everywhere", null).statusCode()).isEqualTo(204);

        assertThat(sessions.count()).as("both of the person's sessions are deleted from the store").isEqualTo(before - 2);
        assertThat(laptop.json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(401);
        assertThat(laptop.at(second.url()).json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(401);
        assertThat(someoneElse.at(second.url()).json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionOutlivesTheGatewayThatMadeIt() {
        GatewayHarness.Gateway shortLived = harness.startGateway(Map.of("memorylayer.rate-limit.auth-per-minute", "1000"));
        WebSession browser = harness.signIn(shortLived, 7005, "survivor");
        shortLived.context().close();

        GatewayHarness.Gateway replacement = harness.startGateway(Map.of());
        assertThat(browser.at(replacement.url()).json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(200);
        assertThat(browser.at(replacement.url()).get("/app").body()).contains("survivor");
    }
}
