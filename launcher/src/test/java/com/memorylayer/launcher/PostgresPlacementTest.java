package com.memorylayer.launcher;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.embedded.FreePort;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.ApiClient.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Workspaces on two Postgres servers: the platform's own (the primary, which holds the control schema) and a second
 * one named in {@code memorylayer.postgres.servers}. New workspaces go to the server with fewer workspaces; each
 * lives wholly on its server (remember, recall, curation, a bulk run, export, erasure, deletion), and when the second
 * server goes away its workspaces are answered {@code 503 database_unavailable} while the primary's go on, and new
 * workspaces go to the primary.
 */
class PostgresPlacementTest {

    private static EmbeddedPostgresServer second;
    private static Platform platform;

    @BeforeAll
    static void start() {
        second = EmbeddedPostgresServer.start(TestPlatform.tempDirectory().resolve("second-postgres"), FreePort.pick(),
                EmbeddedPostgresServer.Durability.FAST);
        Map<String, String> gateway = new HashMap<>(Platform.NO_RATE_LIMIT);
        gateway.put("memorylayer.postgres.servers.second.url", second.jdbcUrl());
        gateway.put("memorylayer.postgres.servers.second.username", second.user());
        gateway.put("memorylayer.postgres.servers.second.password", second.password() == null ? "" : second.password());
        platform = Platform.start(PlatformSettings.ephemeral(TestPlatform.tempDirectory(), TestPlatform.MODELS), gateway);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (second != null) {
            second.close();
        }
    }

    record Placed(Workspace workspace, ApiClient api, String key) {
    }

    private static Placed create() {
        String slug = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        String key = platform.gateway().getBean(ApiKeyIssuer.class).issue(workspace.id(), "test", Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN), null)
                .token().value();
        return new Placed(workspace, new ApiClient(platform.gatewayUrl(), slug, key), key);
    }

    private static String placement(Workspace workspace) {
        return platform.gateway().getBean(DSLContext.class).select(WORKSPACES.POSTGRES_SERVER).from(WORKSPACES)
                .where(WORKSPACES.ID.eq(workspace.id())).fetchOne(WORKSPACES.POSTGRES_SERVER);
    }

    private static Response send(Placed ws, String method, String route, Object body) {
        return ws.api().send("/v1/workspaces/" + ws.workspace().slug() + route, method, body == null ? null : ApiClient.json(body),
                body == null ? null : "application/json", Map.of("X-API-Key", ws.key()));
    }

    @Test
    void workspacesLiveWhollyOnTheServerTheyArePlacedOnAndOneServerAwayFailsOnlyItsOwn() throws Exception {
        // The bootstrap workspace is on the primary: the next goes to the emptier second server, and then, one each,
        // the tie goes to the primary.
        Placed onSecond = create();
        Placed onPrimary = create();
        assertThat(placement(onSecond.workspace())).isEqualTo("second");
        assertThat(placement(onPrimary.workspace())).isEqualTo("primary");
        assertThat(schemaExists(second.dataSource(), onSecond.workspace())).isTrue();
        assertThat(schemaExists(platform.postgres().dataSource(), onSecond.workspace())).isFalse();
        assertThat(schemaExists(platform.postgres().dataSource(), onPrimary.workspace())).isTrue();
        assertThat(schemaExists(second.dataSource(), onPrimary.workspace())).isFalse();

        for (Placed ws : List.of(onSecond, onPrimary)) {
            exerciseEverything(ws);
        }
        assertThat(memoryRows(second.dataSource(), onSecond.workspace())).isEqualTo(memoryRows(onSecond));
        assertThat(memoryRows(platform.postgres().dataSource(), onPrimary.workspace())).isEqualTo(memoryRows(onPrimary));

        // Deleting a workspace of the second server drops its schema there.
        Placed deleted = create();
        assertThat(placement(deleted.workspace())).isEqualTo("second");
        // Read once, so the query service knows it exists (it keeps that).
        assertThat(send(deleted, "POST", "/memories?wait=true", Map.of("content", "Soon gone")).status()).isEqualTo(200);
        assertThat(deleted.api().get("/status").status()).isEqualTo(200);
        platform.gateway().getBean(WorkspaceProvisioner.class).delete(deleted.workspace());
        assertThat(schemaExists(second.dataSource(), deleted.workspace())).isFalse();
        // A read that reaches the query service after the deletion (from a gateway that has not heard of it yet) is
        // told the workspace is gone, not an internal error.
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                platform.queryServiceUrl() + "/internal/v1/workspaces/" + deleted.workspace().id() + "/status")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).contains("workspace_not_found");

        // The second server goes away (its postmaster killed): its workspace's reads are refused quickly and clearly.
        long postmaster = second.postmasterPid();
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
        ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().join());
        for (Response refused : List.of(onSecond.api().recall(Map.of("query", "harbour", "limit", 3)), onSecond.api().get("/memories"),
                onSecond.api().get("/export"), onSecond.api().get("/ingest/runs"))) {
            assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
            assertThat(refused.code()).as(refused.raw()).isEqualTo("database_unavailable");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
        // A remember is still accepted (it waits in the log, then parked), and does not hold up anyone else's writes:
        // the primary's workspace, written after them, is applied at once.
        Response waiting = onSecond.api().remember("Written while the second server was away");
        assertThat(waiting.status()).as(waiting.raw()).isEqualTo(202);
        // A bulk request is checked against the workspace's erased ids first, which it cannot be now: refused, not taken.
        Response refusedRun = send(onSecond, "POST", "/ingest", Map.of("items", List.of(Map.of("content", "Bulk note written while away")),
                "source_name", "away.md", "source_type", "notes"));
        assertThat(refusedRun.status()).as(refusedRun.raw()).isEqualTo(503);
        assertThat(refusedRun.code()).isEqualTo("database_unavailable");
        String token = onPrimary.api().token(onPrimary.api().remember("Written on the primary while the second server is away"));
        assertThat(onPrimary.api().recallContents("while the second server is away", 1, token))
                .containsExactly("Written on the primary while the second server is away");
        assertThat(onPrimary.api().get("/memories").status()).isEqualTo(200);
        // The emptier server gives no connection: new workspaces go to the primary instead of failing.
        Placed whileAway = create();
        assertThat(placement(whileAway.workspace())).isEqualTo("primary");
        assertThat(send(whileAway, "POST", "/memories?wait=true", Map.of("content", "A new workspace works")).status()).isEqualTo(200);
        awaitParked(count -> count >= 1);

        // The server is back: what waited is applied, in order, and nothing is left parked.
        second.restart();
        assertThat(awaitRecall(onSecond, "written while the second server was away", onSecond.api().token(waiting)))
                .containsExactly("Written while the second server was away");
        awaitParked(count -> count == 0);
    }

    /** The recall's contents once it answers 200: the consistency wait is bounded, the server's return is not. */
    private static List<String> awaitRecall(Placed ws, String query, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = ws.api().recall(Map.of("query", query, "limit", 1, "consistency_token", token));
            if (last.status() == 200) {
                List<String> contents = new java.util.ArrayList<>();
                last.body().path("results").forEach(r -> contents.add(r.path("content").asString()));
                return contents;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("recall never answered 200: " + last.raw());
    }

    private static void awaitParked(java.util.function.IntPredicate expected) throws InterruptedException {
        DSLContext control = platform.gateway().getBean(DSLContext.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int count = -1;
        while (System.nanoTime() < deadline) {
            count = control.fetchCount(com.memorylayer.schemas.jooq.control.Tables.PARKED_COMMANDS);
            if (expected.test(count)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("parked commands: " + count);
    }

    /** Remember, recall, curate (forget and restore), a bulk run, export and erasure, each through the gateway. */
    private static void exerciseEverything(Placed ws) throws InterruptedException {
        String where = ws.workspace().slug();
        String token = ws.api().token(ws.api().remember("The harbour ferry leaves at seven from pier four"));
        assertThat(ws.api().recallContents("when does the harbour ferry leave", 1, token)).as(where)
                .containsExactly("The harbour ferry leaves at seven from pier four");

        Response kept = send(ws, "POST", "/memories?wait=true", Map.of("content", "The lighthouse keeper is called Moira"));
        assertThat(kept.status()).as(kept.raw()).isEqualTo(200);
        String id = kept.body().path("id").asString();
        Response forgotten = send(ws, "DELETE", "/memories/" + id + "?wait=true", null);
        assertThat(forgotten.status()).as(forgotten.raw()).isEqualTo(200);
        assertThat(ws.api().get("/memories/" + id).body().path("status").asString()).isEqualTo("forgotten");
        Response restored = send(ws, "POST", "/memories/" + id + "/restore?wait=true", null);
        assertThat(restored.status()).as(restored.raw()).isEqualTo(200);
        assertThat(ws.api().get("/memories/" + id).body().path("status").asString()).isEqualTo("active");

        Response run = send(ws, "POST", "/ingest", Map.of("items", List.of(Map.of("content", "Bulk note one about tides"),
                Map.of("content", "Bulk note two about gulls")), "source_name", "notes.md", "source_type", "notes"));
        assertThat(run.status()).as(run.raw()).isEqualTo(202);
        String runId = run.body().path("run_id").asString();
        assertThat(send(ws, "POST", "/ingest/runs/" + runId + "/close", null).status()).isEqualTo(200);
        JsonNode finished = awaitFinished(ws, runId);
        assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("completed");

        Response erased = send(ws, "DELETE", "/memories/" + id + "?erase=true&wait=true", null);
        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
        Response gone = ws.api().get("/memories/" + id);
        assertThat(gone.status()).as(where + ": " + erased.raw() + " then " + gone.raw()).isEqualTo(404);

        Response export = ws.api().get("/export");
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        assertThat(export.raw()).contains("The harbour ferry leaves at seven", "Bulk note one about tides", "Bulk note two about gulls")
                .doesNotContain("Moira");
    }

    private static JsonNode awaitFinished(Placed ws, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            Response response = send(ws, "GET", "/ingest/runs/" + runId, null);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            run = response.body();
            if (run.path("finished_at").isString()) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not finish: " + run);
    }

    /** How many memories the workspace lists through the API. */
    private static int memoryRows(Placed ws) {
        return ws.api().get("/memories?limit=100").body().path("memories").size();
    }

    private static int memoryRows(DataSource server, Workspace workspace) throws SQLException {
        try (Connection c = server.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + workspace.schema().value() + ".memories where status = 'active'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean schemaExists(DataSource server, Workspace workspace) throws SQLException {
        try (Connection c = server.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from information_schema.schemata where schema_name = '"
                        + workspace.schema().value() + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
