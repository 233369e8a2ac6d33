package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Workspaces, members, invites and keys over the API, and the guard in front of them. */
class ControlPlaneApiTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        // Every test here signs people in from one address; the sign-in limit itself is RateLimitTest's.
        // Behind a TLS proxy, as in production: the scheme comes from X-Forwarded-Proto.
        gateway = harness.startGateway(Map.of("memorylayer.rate-limit.auth-per-minute", "1000",
                "memorylayer.workspaces.max-owned-per-person", "3", "server.forward-headers-strategy", "native"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void readinessIsPublicAndNamesThePartThatIsNotAnswering() throws Exception {
        // This harness runs the gateway with a real Postgres and broker, and no query service at its address.
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        JsonNode readiness = json.readTree(answer.body());
        assertThat(readiness.path("status").asString()).isEqualTo("degraded");
        assertThat(readiness.path("checks").path("database").path("status").asString()).isEqualTo("ok");
        assertThat(readiness.path("checks").path("broker").path("status").asString()).as(answer.body()).isEqualTo("ok");
        assertThat(readiness.path("checks").path("query_service").path("status").asString()).isEqualTo("degraded");
        assertThat(readiness.path("degraded").toString()).isEqualTo("[\"query_service\",\"embedding_model\"]");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");
    }

    private static WebSession signedIn(long id, String login) {
        return harness.signIn(gateway, id, login);
    }

    @Test
    void aPersonCreatesAWorkspaceInvitesAnotherAndGovernsIt() throws Exception {
        WebSession owner = signedIn(1001, "owner-one");
        HttpResponse<String> created = owner.json("POST", "/v1/workspaces", "{\"slug\":\"team-alpha\",\"name\":\"Alpha\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(read(created).path("role").asString()).isEqualTo("owner");
        assertThat(owner.json("POST", "/v1/workspaces", "{\"slug\":\"team-alpha\"}").body()).contains("slug_taken");
        assertThat(owner.json("POST", "/v1/workspaces", "{\"slug\":\"admin\"}").body()).contains("invalid_request").contains("reserved");
        assertThat(owner.json("POST", "/v1/workspaces", "{\"slug\":\"No_Caps\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> invite = owner.json("POST", "/v1/workspaces/team-alpha/invites", "{\"role\":\"member\"}");
        assertThat(invite.statusCode()).as(invite.body()).isEqualTo(201);
        String token = read(invite).path("token").asString();
        assertThat(read(invite).path("url").asString()).endsWith("/invites/" + token);

        WebSession joiner = signedIn(1002, "joiner-two");
        assertThat(joiner.json("GET", "/v1/workspaces/team-alpha", null).statusCode()).isEqualTo(404);
        HttpResponse<String> accepted = joiner.json("POST", "/v1/invites/" + token + "/accept", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(joiner.json("GET", "/v1/workspaces/team-alpha", null).statusCode()).isEqualTo(200);
        // Single use: the same token again, even by someone else, is refused.
        WebSession third = signedIn(1003, "third-three");
        assertThat(third.json("POST", "/v1/invites/" + token + "/accept", null).body()).contains("invite_not_found");

        // A member cannot manage keys or invites; an owner can.
        assertThat(joiner.json("POST", "/v1/workspaces/team-alpha/keys", "{\"name\":\"x\",\"scopes\":[\"read\"]}").statusCode()).isEqualTo(403);
        assertThat(joiner.json("POST", "/v1/workspaces/team-alpha/invites", "{\"role\":\"member\"}").statusCode()).isEqualTo(403);
        JsonNode members = read(owner.json("GET", "/v1/workspaces/team-alpha/members", null));
        assertThat(members).hasSize(2);
        String joinerId = null;
        String ownerId = null;
        for (JsonNode m : members) {
            if (m.path("login").asString().equals("joiner-two")) {
                joinerId = m.path("user_id").asString();
            } else {
                ownerId = m.path("user_id").asString();
            }
        }
        // The last owner can neither leave nor be demoted.
        assertThat(owner.json("DELETE", "/v1/workspaces/team-alpha/members/" + ownerId, null).body()).contains("last_owner");
        assertThat(owner.json("PATCH", "/v1/workspaces/team-alpha/members/" + ownerId, "{\"role\":\"member\"}").body()).contains("last_owner");
        // Promote, then the first owner may step down; the member can now govern.
        assertThat(owner.json("PATCH", "/v1/workspaces/team-alpha/members/" + joinerId, "{\"role\":\"owner\"}").statusCode()).isEqualTo(200);
        assertThat(owner.json("DELETE", "/v1/workspaces/team-alpha/members/" + ownerId, null).statusCode()).isEqualTo(204);
        assertThat(owner.json("GET", "/v1/workspaces/team-alpha", null).statusCode()).isEqualTo(404);
        assertThat(read(joiner.json("GET", "/v1/workspaces", null)).get(0).path("role").asString()).isEqualTo("owner");

        // Rename, then delete: the schema goes with the workspace.
        assertThat(read(joiner.json("PATCH", "/v1/workspaces/team-alpha", "{\"name\":\"Alpha Two\"}")).path("name").asString()).isEqualTo("Alpha Two");
        String schema = gateway.context().getBean(DSLContext.class).fetchValue(
                "select schema_name from control.workspaces where slug = 'team-alpha'").toString();
        assertThat(joiner.json("DELETE", "/v1/workspaces/team-alpha", null).statusCode()).isEqualTo(204);
        DSLContext dsl = gateway.context().getBean(DSLContext.class);
        assertThat(dsl.fetchExists(DSL.selectOne().from("information_schema.schemata").where(DSL.field("schema_name").eq(schema)))).isFalse();
        assertThat(joiner.json("GET", "/v1/workspaces/team-alpha", null).statusCode()).isEqualTo(404);
    }

    @Test
    void onePersonOwnsAtMostTheConfiguredNumberOfWorkspaces() {
        WebSession person = signedIn(1301, "many-spaces");
        for (int i = 1; i <= 3; i++) {
            assertThat(person.json("POST", "/v1/workspaces", "{\"slug\":\"many-" + i + "\"}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = person.json("POST", "/v1/workspaces", "{\"slug\":\"many-4\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("workspace_limit");
        assertThat(person.json("DELETE", "/v1/workspaces/many-1", null).statusCode()).isEqualTo(204);
        assertThat(person.json("POST", "/v1/workspaces", "{\"slug\":\"many-4\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void creatingAndDeletingWorkspacesInALoopIsCapped() {
        // (The gateway holds no workspace's jOOQ context any more, so there is no cache left to outgrow.)
        WebSession person = signedIn(1501, "churner");
        for (int i = 1; i <= 10; i++) {
            assertThat(person.json("POST", "/v1/workspaces", "{\"slug\":\"churn-" + i + "\"}").statusCode()).as("create %d", i).isEqualTo(201);
            assertThat(person.json("GET", "/v1/workspaces/churn-" + i, null).statusCode()).isEqualTo(200);
            assertThat(person.json("DELETE", "/v1/workspaces/churn-" + i, null).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> refused = person.json("POST", "/v1/workspaces", "{\"slug\":\"churn-11\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"").contains("10 workspaces an hour");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void moreWorkspacesCreatedAtOnceThanThePoolHasConnectionsAllSucceed() throws Exception {
        // Unbounded, twelve simultaneous creates held all ten pooled connections and waited forever for more.
        WorkspaceProvisioner provisioner = gateway.context().getBean(WorkspaceProvisioner.class);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Workspace>> creates = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String slug = "at-once-" + i;
                creates.add(pool.submit(() -> provisioner.create(new WorkspaceSlug(slug), slug)));
            }
            for (Future<Workspace> create : creates) {
                assertThat(create.get(60, TimeUnit.SECONDS).slug()).startsWith("at-once-");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInviteShowsWhatItOffersAndDiesWithItsMakersRole() throws Exception {
        WebSession owner = signedIn(1401, "gamma-owner");
        assertThat(owner.json("POST", "/v1/workspaces", "{\"slug\":\"team-gamma\",\"name\":\"Gamma Team\"}").statusCode()).isEqualTo(201);
        String adminToken = read(owner.json("POST", "/v1/workspaces/team-gamma/invites", "{\"role\":\"admin\"}")).path("token").asString();
        WebSession admin = signedIn(1402, "gamma-admin");
        assertThat(admin.json("POST", "/v1/invites/" + adminToken + "/accept", null).statusCode()).isEqualTo(200);
        String byAdmin = read(admin.json("POST", "/v1/workspaces/team-gamma/invites", "{\"role\":\"admin\"}")).path("token").asString();
        String alsoByAdmin = read(admin.json("POST", "/v1/workspaces/team-gamma/invites", "{\"role\":\"member\"}")).path("token").asString();

        // The accept page says which workspace and which role, before anything is accepted.
        WebSession invitee = signedIn(1403, "gamma-invitee");
        HttpResponse<String> page = invitee.get("/invites/" + byAdmin);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Gamma Team").contains("team-gamma").contains(">admin<");
        assertThat(read(owner.json("GET", "/v1/workspaces/team-gamma/members", null))).hasSize(2);

        // Demoted, the admin's open invites die with the role they were made under.
        String adminId = null;
        for (JsonNode m : read(owner.json("GET", "/v1/workspaces/team-gamma/members", null))) {
            if (m.path("login").asString().equals("gamma-admin")) {
                adminId = m.path("user_id").asString();
            }
        }
        assertThat(owner.json("PATCH", "/v1/workspaces/team-gamma/members/" + adminId, "{\"role\":\"member\"}").statusCode()).isEqualTo(200);
        assertThat(invitee.json("POST", "/v1/invites/" + byAdmin + "/accept", null).body()).contains("invite_not_found");
        assertThat(invitee.get("/invites/" + alsoByAdmin).statusCode()).isEqualTo(404);

        // Removed: the same.
        assertThat(owner.json("PATCH", "/v1/workspaces/team-gamma/members/" + adminId, "{\"role\":\"admin\"}").statusCode()).isEqualTo(200);
        String afterPromotion = read(admin.json("POST", "/v1/workspaces/team-gamma/invites", "{\"role\":\"member\"}")).path("token").asString();
        assertThat(owner.json("DELETE", "/v1/workspaces/team-gamma/members/" + adminId, null).statusCode()).isEqualTo(204);
        assertThat(invitee.json("POST", "/v1/invites/" + afterPromotion + "/accept", null).body()).contains("invite_not_found");
    }

    @Test
    void invitesExpireAndCanBeRevoked() throws Exception {
        WebSession owner = signedIn(1101, "inviter");
        owner.json("POST", "/v1/workspaces", "{\"slug\":\"team-beta\"}");
        String revokedInvite = read(owner.json("POST", "/v1/workspaces/team-beta/invites", "{\"role\":\"admin\"}")).path("id").asString();
        String revokedToken = null;
        assertThat(owner.json("DELETE", "/v1/workspaces/team-beta/invites/" + revokedInvite, null).statusCode()).isEqualTo(204);
        assertThat(read(owner.json("GET", "/v1/workspaces/team-beta/invites", null))).isEmpty();
        String shortLived = read(owner.json("POST", "/v1/workspaces/team-beta/invites", "{\"role\":\"member\",\"expires_in_hours\":1}")).path("token").asString();
        gateway.context().getBean(DSLContext.class).execute(
                "update control.workspace_invites set expires_at = now() - interval '1 second' where workspace_id = "
                        + "(select id from control.workspaces where slug = 'team-beta')");
        WebSession late = signedIn(1102, "late-comer");
        assertThat(late.json("POST", "/v1/invites/" + shortLived + "/accept", null).body()).contains("invite_not_found");
        assertThat(owner.json("POST", "/v1/workspaces/team-beta/invites", "{\"role\":\"owner\"}").statusCode()).isEqualTo(400);
        assertThat(revokedToken).isNull();
    }

    @Test
    void keysAreShownOnceListedWithoutSecretsAndRevokedForTheNextRequest() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(EnumSet.allOf(Scope.class));
        String base = "/v1/workspaces/" + workspace.slug();
        HttpResponse<String> created = withKey("POST", base + "/keys", workspace.token(),
                "{\"name\":\"ci-runner\",\"scopes\":[\"read\",\"write\"],\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clear = read(created).path("key").asString();
        String id = read(created).path("id").asString();
        assertThat(clear).startsWith("mlk_");
        assertThat(withKey("GET", base, clear, null).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = withKey("GET", base + "/keys", workspace.token(), null);
        assertThat(listed.body()).contains("ci-runner").doesNotContain(clear.substring("mlk_".length() + 13));
        JsonNode entry = null;
        for (JsonNode k : read(listed)) {
            if (k.path("id").asString().equals(id)) {
                entry = k;
            }
        }
        assertThat(entry.path("prefix").asString()).isEqualTo(clear.substring(0, "mlk_".length() + 12));
        assertThat(entry.path("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(entry.path("last_used_at").isNull()).isFalse();
        assertThat(entry.path("created_at").asString()).isNotBlank();

        assertThat(withKey("POST", base + "/keys", workspace.token(), "{\"name\":\"x\",\"scopes\":[\"root\"]}").body()).contains("\"field\":\"scopes\"");
        assertThat(withKey("POST", base + "/keys", workspace.token(), "{\"name\":\"x\",\"scopes\":[\"read\"],\"bogus\":1}").statusCode()).isEqualTo(400);
        assertThat(withKey("DELETE", base + "/keys/" + java.util.UUID.randomUUID(), workspace.token(), null).body()).contains("key_not_found");
        assertThat(withKey("DELETE", base + "/keys/" + id, workspace.token(), null).statusCode()).isEqualTo(204);
        assertThat(withKey("GET", base, clear, null).statusCode()).isEqualTo(401);
        // Another workspace's key id is not found here.
        GatewayHarness.TestWorkspace other = gateway.newWorkspace(Set.of(Scope.READ));
        assertThat(withKey("DELETE", base + "/keys/" + other.key().id(), workspace.token(), null).statusCode()).isEqualTo(404);
        assertThat(withKey("GET", "/v1/workspaces/" + other.slug(), other.token(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyMakesKeysOnlyWithinItselfAndTheyAreRevokedWithIt() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(Set.of(Scope.READ));
        String base = "/v1/workspaces/" + workspace.slug();
        OffsetDateTime parentExpiry = OffsetDateTime.parse("2098-01-01T00:00:00Z");
        String parent = gateway.issueKey(workspace.workspace(), Set.of(Scope.ADMIN), parentExpiry).token().value();

        // No life beyond its own: an expiry past the parent's is refused, none given means the parent's.
        HttpResponse<String> tooLong = withKey("POST", base + "/keys", parent,
                "{\"name\":\"x\",\"scopes\":[\"read\"],\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"field\":\"expires_at\"");
        HttpResponse<String> child = withKey("POST", base + "/keys", parent, "{\"name\":\"child\",\"scopes\":[\"admin\"]}");
        assertThat(child.statusCode()).as(child.body()).isEqualTo(201);
        assertThat(OffsetDateTime.parse(read(child).path("expires_at").asString())).isEqualTo(parentExpiry);
        String childKey = read(child).path("key").asString();
        HttpResponse<String> grandchild = withKey("POST", base + "/keys", childKey, "{\"name\":\"grandchild\",\"scopes\":[\"read\"]}");
        String grandchildKey = read(grandchild).path("key").asString();

        // Attributed to the key that made it.
        String parentId = null;
        for (JsonNode k : read(withKey("GET", base + "/keys", parent, null))) {
            if (k.path("name").asString().equals("child")) {
                parentId = k.path("created_by_key").asString();
            }
        }
        assertThat(parentId).isNotBlank();
        assertThat(withKey("GET", base, grandchildKey, null).statusCode()).isEqualTo(200);

        // Revoking the parent revokes what it made, at any depth.
        assertThat(withKey("DELETE", base + "/keys/" + parentId, parent, null).statusCode())
                .isEqualTo(204);
        assertThat(withKey("GET", base, parent, null).statusCode()).isEqualTo(401);
        assertThat(withKey("GET", base, childKey, null).statusCode()).isEqualTo(401);
        assertThat(withKey("GET", base, grandchildKey, null).statusCode()).isEqualTo(401);
        assertThat(withKey("GET", base, workspace.token(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aWorkspaceHoldsAtMostItsKeyLimit() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(Set.of(Scope.ADMIN));
        String base = "/v1/workspaces/" + workspace.slug();
        // The operator's key is the first of 50.
        for (int i = 2; i <= 50; i++) {
            assertThat(withKey("POST", base + "/keys", workspace.token(), "{\"name\":\"k" + i + "\",\"scopes\":[\"read\"]}")
                    .statusCode()).as("key %d", i).isEqualTo(201);
        }
        HttpResponse<String> refused = withKey("POST", base + "/keys", workspace.token(), "{\"name\":\"one-more\",\"scopes\":[\"read\"]}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("\"code\":\"key_limit\"");
    }

    @Test
    void sessionWritesNeedTheCsrfTokenButKeyWritesDoNot() throws Exception {
        WebSession person = signedIn(1201, "csrf-person");
        assertThat(person.json("POST", "/v1/workspaces", "{\"slug\":\"csrf-team\"}", false).body()).contains("csrf_token_invalid");
        // Credentials a browser may replay by itself (Basic) do not exempt a session call from the CSRF check.
        HttpResponse<String> basic = person.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"csrf-team\"}")).header("Content-Type", "application/json")
                .header("Authorization", "Basic dXNlcjpwYXNz").build());
        assertThat(basic.statusCode()).isEqualTo(403);
        assertThat(basic.body()).contains("csrf_token_invalid");
        assertThat(person.json("POST", "/v1/workspaces", "{\"slug\":\"csrf-team\"}", true).statusCode()).isEqualTo(201);
        HttpResponse<String> form = person.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/app/workspaces"))
                .POST(HttpRequest.BodyPublishers.ofString("slug=csrf-two")).header("Content-Type", "application/x-www-form-urlencoded").build());
        assertThat(form.statusCode()).isEqualTo(403);
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(EnumSet.allOf(Scope.class));
        assertThat(withKey("POST", "/v1/workspaces/" + workspace.slug() + "/keys", workspace.token(),
                "{\"name\":\"k\",\"scopes\":[\"read\"]}").statusCode()).isEqualTo(201);
        // A key header skips the check only when a genuine key authenticates a route keys can call: a made-up key,
        // or any key on a route only a session can use, leaves the session's CSRF check in place.
        for (String key : List.of("mlk_000000000000_" + "A".repeat(43), workspace.token())) {
            HttpResponse<String> create = person.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"csrf-three\"}")).header("Content-Type", "application/json")
                    .header("X-API-Key", key).build());
            assertThat(create.statusCode()).as(key).isEqualTo(403);
            assertThat(create.body()).contains("csrf_token_invalid");
        }
    }

    @Test
    void theGuardRefusesForeignHostsOriginsMethodsAndPathTricks() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(Set.of(Scope.READ));
        String ok = raw("GET /v1/workspaces/" + workspace.slug() + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + workspace.token() + "\r\nConnection: close\r\n\r\n");
        assertThat(ok).startsWith("HTTP/1.1 200");
        assertThat(raw("GET /healthz HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400").contains("host_not_allowed");
        assertThat(raw("TRACE /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 405");
        for (String trick : new String[] {"/v1/workspaces/x/../" + workspace.slug(), "/v1/workspaces/%2e%2e/" + workspace.slug(),
                "/v1/workspaces/" + workspace.slug() + "%2Fkeys", "/v1//workspaces/" + workspace.slug(),
                "/v1/workspaces/" + workspace.slug() + ";x=1", "/%761/workspaces/" + workspace.slug(),
                "/v1/workspaces/%" + Integer.toHexString(workspace.slug().charAt(0)) + workspace.slug().substring(1), "/v1/workspaces/./" + workspace.slug(), "/v1/workspaces%5C" + workspace.slug()}) {
            String answer = raw("GET " + trick + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + workspace.token() + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(trick + " -> " + answer).startsWith("HTTP/1.1 400").contains("invalid_path");
        }
        // A raw backslash is not even valid HTTP: Tomcat's parser refuses it before any filter runs.
        assertThat(raw("GET /v1/workspaces\\" + workspace.slug() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("origin_not_allowed");
        HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Origin", gateway.url())
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(401);
    }

    @Test
    void behindAProxyOnlyLoopbackIsBelievedAndTheForwardedHostMustBeAllowed() throws Exception {
        GatewayHarness.Gateway proxied = harness.startGateway(Map.of("server.forward-headers-strategy", "native"));
        String port = proxied.url().substring(proxied.url().lastIndexOf(':') + 1);
        assertThat(rawTo(port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400").contains("host_not_allowed");
        assertThat(rawTo(port, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        // The shipped trust: loopback proxies only, not every private range as Tomcat's default.
        java.util.regex.Pattern trusted = java.util.regex.Pattern.compile(
                proxied.context().getEnvironment().getProperty("server.tomcat.remoteip.internal-proxies"));
        assertThat(trusted.matcher("127.0.0.1").matches()).isTrue();
        assertThat(trusted.matcher("0:0:0:0:0:0:0:1").matches()).isTrue();
        for (String privateAddress : List.of("10.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.1.1", "127.0.0.2")) {
            assertThat(trusted.matcher(privateAddress).matches()).as(privateAddress).isFalse();
        }
        // From a trusted proxy, each forwarded client address has a bucket of its own.
        for (String client : List.of("203.0.113.1", "203.0.113.2")) {
            String answer = rawTo(port, "GET /app/x HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + client + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(client).contains("X-RateLimit-Remaining: 239");
        }
    }

    @Test
    void noMultipartParsingIsWired() {
        assertThat(gateway.context().getBeanProvider(org.springframework.web.multipart.MultipartResolver.class).getIfAvailable()).isNull();
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'")
                .contains("default-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
        // HSTS only means something over TLS, and is sent only there; a proxy terminating TLS sets X-Forwarded-Proto.
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        HttpResponse<String> overTls = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overTls.headers().firstValue("Strict-Transport-Security").orElse(""))
                .contains("max-age=31536000").contains("includeSubDomains");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void aWritePostgresCouldNeverStoreIsRefusedUpFront() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(Set.of(Scope.WRITE));
        String memories = "/v1/workspaces/" + workspace.slug() + "/memories";
        HttpResponse<String> content = withKey("POST", memories, workspace.token(), "{\"content\":\"a\\u0000b\"}");
        assertThat(content.statusCode()).isEqualTo(400);
        assertThat(content.body()).contains("\"field\":\"content\"");
        HttpResponse<String> nested = withKey("POST", memories, workspace.token(),
                "{\"content\":\"fine\",\"metadata\":{\"deep\":[\"x\\u0000\"]}}");
        assertThat(nested.body()).contains("\"field\":\"metadata\"");
        assertThat(withKey("POST", memories, workspace.token(), "{\"content\":\"fine\"}").statusCode()).isEqualTo(202);
        // Times Java reads but Postgres cannot store are the client's error, not a logged 500.
        HttpResponse<String> farFuture = withKey("POST", memories, workspace.token(),
                "{\"content\":\"fine\",\"created_at\":\"+99999-01-01T00:00:00Z\"}");
        assertThat(farFuture.statusCode()).isEqualTo(400);
        assertThat(farFuture.body()).contains("\"field\":\"created_at\"");
    }

    @Test
    void timesAndCursorsBeyondWhatPostgresStoresAreRefusedAs400() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(Set.of(Scope.ADMIN));
        String base = "/v1/workspaces/" + workspace.slug();
        String farCursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("999999999999.0".getBytes(StandardCharsets.UTF_8));
        String farMemoryCursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("+99999-01-01T00:00:00Z|" + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        for (String path : List.of(base + "/audit?from=%2B99999-01-01T00:00:00Z", base + "/usage?to=-99999-01-01T00:00:00Z",
                base + "/audit?cursor=" + farCursor, base + "/memories?created_after=%2B99999-01-01T00:00:00Z",
                base + "/memories?cursor=" + farMemoryCursor)) {
            HttpResponse<String> answer = withKey("GET", path, workspace.token(), null);
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("\"code\":\"invalid_request\"");
        }
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeParsing() throws Exception {
        GatewayHarness.TestWorkspace workspace = gateway.newWorkspace(Set.of(Scope.ADMIN));
        HttpResponse<String> answer = withKey("POST", "/v1/workspaces/" + workspace.slug() + "/keys", workspace.token(),
                "{\"name\":\"" + "x".repeat(2_000_001) + "\"}");
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("payload_too_large");
    }

    private static HttpResponse<String> withKey(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends bytes exactly as written: an HTTP client library would normalise the very paths under test. */
    private static String raw(String request) throws Exception {
        return rawTo(gateway.url().substring(gateway.url().lastIndexOf(':') + 1), request);
    }

    private static String rawTo(String port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
