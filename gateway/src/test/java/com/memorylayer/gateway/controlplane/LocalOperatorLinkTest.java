package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.login.UserDirectory;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.gateway.operator.LocalOperatorLinks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev launcher's one-time dashboard link: it signs the local operator in as an owner of its workspace, once,
 * within its lifetime, and only on a gateway that listens on loopback alone. Two gateways share one database:
 * one bound to loopback, one to every interface.
 */
class LocalOperatorLinkTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway loopback;
    static GatewayHarness.Gateway everywhere;
    static final SettableClock clock = new SettableClock();

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        loopback = harness.startGateway(Map.of(), clock);
        everywhere = harness.startGateway(Map.of("server.address", "0.0.0.0"), clock);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String issue(GatewayHarness.Gateway gateway, GatewayHarness.TestWorkspace workspace) {
        return gateway.context().getBean(LocalOperatorLinks.class).issue(workspace.workspace()).orElseThrow();
    }

    @Test
    void aLinkSignsTheOperatorInAsOwnerOfItsWorkspaceOnce() {
        GatewayHarness.TestWorkspace workspace = loopback.newWorkspace(Set.of(Scope.READ));
        String link = issue(loopback, workspace);

        WebSession browser = new WebSession(loopback.url());
        HttpResponse<String> landed = browser.get(link);
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/app/workspaces/" + workspace.slug());
        // An owner sees the keys, members, audit and usage pages.
        for (String page : new String[] {"keys", "members", "audit", "usage", "settings"}) {
            assertThat(browser.get("/app/workspaces/" + workspace.slug() + "/" + page).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(browser.json("GET", "/v1/workspaces/" + workspace.slug(), null).body()).contains("\"role\":\"owner\"");

        HttpResponse<String> again = new WebSession(loopback.url()).get(link);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("sign_in_link_invalid");
    }

    @Test
    void aWorkspaceWhoseOwnersRemovedTheOperatorGetsNoMoreLinks() {
        GatewayHarness.TestWorkspace workspace = loopback.newWorkspace(Set.of(Scope.READ));
        issue(loopback, workspace);
        WebSession owner = harness.signIn(loopback, 8081, "a-real-owner");
        UUID ownerId = loopback.context().getBean(UserDirectory.class).findByLogin("a-real-owner").orElseThrow().id();
        DSLContext dsl = loopback.context().getBean(DSLContext.class);
        dsl.transaction(c -> loopback.context().getBean(MemberDirectory.class)
                .add(c.dsl(), workspace.workspace().id(), ownerId, MemberRole.OWNER));
        UUID operator = loopback.context().getBean(UserDirectory.class).localOperator().id();

        assertThat(owner.json("DELETE", "/v1/workspaces/" + workspace.slug() + "/members/" + operator, null).statusCode())
                .isEqualTo(204);

        assertThat(loopback.context().getBean(LocalOperatorLinks.class).issue(workspace.workspace())).isEmpty();
        assertThat(loopback.context().getBean(MemberDirectory.class).member(workspace.workspace().id(), operator)).isEmpty();
    }

    @Test
    void aLinkExpiresWithinMinutes() {
        GatewayHarness.TestWorkspace workspace = loopback.newWorkspace(Set.of(Scope.READ));
        String link = issue(loopback, workspace);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        HttpResponse<String> late = new WebSession(loopback.url()).get(link);
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(late.uri().getPath()).isEqualTo(link);
    }

    @Test
    void aGatewayReachableFromOtherMachinesNeitherIssuesNorHonoursLinks() {
        GatewayHarness.TestWorkspace workspace = loopback.newWorkspace(Set.of(Scope.READ));
        assertThatThrownBy(() -> issue(everywhere, workspace)).isInstanceOf(IllegalStateException.class);

        String link = issue(loopback, workspace);
        HttpResponse<String> refused = new WebSession(everywhere.url()).get(link);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.uri().getPath()).isEqualTo(link);

        // The refusal did not spend the link: the loopback gateway still honours it.
        assertThat(new WebSession(loopback.url()).get(link).uri().getPath()).isEqualTo("/app/workspaces/" + workspace.slug());
    }
}
