package com.memorylayer.gateway.controlplane;

import static com.memorylayer.schemas.jooq.control.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub sign-in through the whole OAuth2 flow against a real local OAuth2 server answering in GitHub's shape. */
class SignInFlowTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static GatewayHarness.Gateway unconfigured;

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        // Many sign-in calls from one address; RateLimitTest checks the real limit of 12 a minute.
        gateway = harness.startGateway(Map.of("memorylayer.rate-limit.auth-per-minute", "1000"));
        unconfigured = harness.startGateway(Map.of("memorylayer.github.client-id", "",
                "memorylayer.rate-limit.auth-per-minute", "1000"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void signsInThroughGitHubKeepsTheSessionAndSignsOut() {
        harness.nextGitHubUser(4242, "octocat");
        WebSession browser = new WebSession(gateway.url());

        HttpResponse<String> landed = browser.signIn();

        assertThat(landed.statusCode()).as(landed.uri() + " " + landed.body()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/app");
        assertThat(landed.body()).contains("octocat");
        DSLContext dsl = gateway.context().getBean(DSLContext.class);
        var user = dsl.selectFrom(USERS).where(USERS.GITHUB_ID.eq(4242L)).fetchOne();
        assertThat(user.getLogin()).isEqualTo("octocat");
        assertThat(user.getAvatarUrl()).isEqualTo("https://avatars.githubusercontent.com/u/4242");

        // The session works for the JSON API too.
        assertThat(browser.json("GET", "/v1/workspaces", null).statusCode()).isEqualTo(200);

        HttpResponse<String> out = browser.form("/logout", Map.of());
        assertThat(out.uri().getPath()).isEqualTo("/login");
        assertThat(out.body()).contains("You are signed out.").doesNotContain("Sign-in failed");
        HttpResponse<String> after = browser.get("/app");
        assertThat(after.uri().getPath()).isEqualTo("/login");
        assertThat(browser.json("GET", "/v1/workspaces", null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void aPlainVisitToTheSignInPageShowsNoNotice() {
        HttpResponse<String> page = new WebSession(gateway.url()).get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in with GitHub")
                .doesNotContain("You are signed out.").doesNotContain("Sign-in failed");
    }

    @Test
    void aRefusedSignInSaysSoAndOnlySo() {
        // Where Spring Security sends a browser whose sign-in failed.
        HttpResponse<String> page = new WebSession(gateway.url()).get("/login?error");
        assertThat(page.body()).contains("Sign-in failed. Try again.").doesNotContain("You are signed out.");
    }

    @Test
    void aRenamedGitHubAccountIsTheSamePerson() {
        harness.nextGitHubUser(777, "before-rename");
        new WebSession(gateway.url()).signIn();
        harness.nextGitHubUser(777, "after-rename");
        new WebSession(gateway.url()).signIn();

        DSLContext dsl = gateway.context().getBean(DSLContext.class);
        var rows = dsl.selectFrom(USERS).where(USERS.GITHUB_ID.eq(777L)).fetch();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getLogin()).isEqualTo("after-rename");
    }

    @Test
    void dashboardPagesSendAnonymousVisitorsToSignIn() {
        HttpResponse<String> page = new WebSession(gateway.url()).get("/app/workspaces/anything/keys");
        assertThat(page.uri().getPath()).isEqualTo("/login");
        assertThat(page.body()).contains("Sign in with GitHub");
    }

    @Test
    void withoutAClientIdTheSignInPageSaysHowToConfigureOne() {
        HttpResponse<String> page = new WebSession(unconfigured.url()).get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("MEMORYLAYER_GITHUB_CLIENT_ID").contains("/login/oauth2/code/github")
                .doesNotContain("Sign in with GitHub");
        assertThat(new WebSession(unconfigured.url()).get("/oauth2/authorization/github").statusCode()).isNotEqualTo(200);
    }
}
