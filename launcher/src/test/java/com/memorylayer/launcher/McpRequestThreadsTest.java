package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.launcher.ApiClient.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An MCP tool waiting on the query service holds no request thread, as a REST recall does not: a gateway with fewer
 * Tomcat threads than MCP calls waiting still takes every one of them to the query service and still answers a plain
 * request meanwhile. A platform of its own, its gateway given {@value #REQUEST_THREADS} request threads.
 *
 * <p>The calls ({@code diary_read}, a read the query service answers) are made to wait as in
 * {@link BoundedWorkspaceReadsTest}: the test holds an ACCESS EXCLUSIVE lock on the workspace's session diary over a
 * connection of its own, so the query service's reads of it wait. (Not recall: the query service runs one owner's
 * recalls a few at a time, so most would wait in its queue, not on the lock.)
 */
class McpRequestThreadsTest {

    private static final int REQUEST_THREADS = 3;
    /** Twice the request threads: with a thread held per waiting call, half of them would never reach the query service. */
    private static final int WAITING_CALLS = 2 * REQUEST_THREADS;

    private static Platform platform;
    private static final ExecutorService clients = Executors.newFixedThreadPool(WAITING_CALLS + 2);

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(TestPlatform.tempDirectory(), TestPlatform.MODELS), Map.of(
                "server.tomcat.threads.max", Integer.toString(REQUEST_THREADS),
                "server.tomcat.threads.min-spare", "1",
                "memorylayer.rate-limit.workspace-per-minute", "100000",
                "memorylayer.rate-limit.owner-per-minute", "100000",
                "memorylayer.mcp.max-concurrent-calls-per-workspace", Integer.toString(WAITING_CALLS)));
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void mcpCallsWaitingOnTheQueryServiceLeaveTheRequestThreadsFree() throws Exception {
        String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        IssuedApiKey issued = platform.gateway().getBean(ApiKeyIssuer.class).issue(workspace.id(), "test",
                Set.of(Scope.READ, Scope.WRITE), null);
        String key = issued.token().value();
        ApiClient api = new ApiClient(platform.gatewayUrl(), slug, key);

        List<CompletableFuture<Response>> reads = new ArrayList<>();
        try (Connection lock = lockDiary(workspace)) {
            for (int i = 0; i < WAITING_CALLS; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> readDiary(api, slug, key), clients));
            }
            // Each read waits on the lock in the query service: all of them got there, past the request threads.
            await().atMost(Duration.ofSeconds(20))
                    .failFast("an MCP call answered while the lock is held", () -> reads.stream().anyMatch(CompletableFuture::isDone))
                    .until(() -> waitingOnDiary(lock, workspace) >= WAITING_CALLS);

            CompletableFuture<Response> readiness = CompletableFuture.supplyAsync(
                    () -> api.send("/v1/readiness", "GET", null, null, Map.of()), clients);
            await().atMost(Duration.ofSeconds(15)).until(readiness::isDone);
            assertThat(readiness.join().status()).as(readiness.join().raw()).isEqualTo(200);
            assertThat(reads).as("every MCP call still waits on the query service").noneMatch(CompletableFuture::isDone);
        }
        for (CompletableFuture<Response> read : reads) {
            Response answered = read.join();
            assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
            assertThat(answered.body().path("result").path("isError").asBoolean()).as(answered.raw()).isFalse();
            assertThat(answered.body().path("result").path("structuredContent").path("entries").isArray()).as(answered.raw()).isTrue();
        }
    }

    /** A {@code tools/call} of {@code diary_read} over the workspace's MCP endpoint, as a client sends it. */
    private static Response readDiary(ApiClient api, String slug, String key) {
        String message = ApiClient.json(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/call",
                "params", Map.of("name", "diary_read", "arguments", Map.of("session_id", "waiting-agent"))));
        return api.post("/v1/workspaces/" + slug + "/mcp", message,
                Map.of("X-API-Key", key, "Accept", "application/json, text/event-stream"));
    }

    /** A connection of the test's own holding an ACCESS EXCLUSIVE lock on the workspace's session diary until closed. */
    private static Connection lockDiary(Workspace workspace) throws SQLException {
        Connection connection = DriverManager.getConnection(platform.postgres().jdbcUrl(), platform.postgres().user(),
                platform.postgres().password());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE \"" + workspace.schema().value() + "\".session_diary IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }

    /**
     * Lock requests waiting on the workspace's session diary. (Read from pg_locks: pg_stat_activity hides the query
     * service's sessions, which log in as another role, from this connection's.)
     */
    private static int waitingOnDiary(Connection lock, Workspace workspace) throws SQLException {
        try (PreparedStatement statement = lock.prepareStatement("SELECT count(*) FROM pg_locks WHERE NOT granted "
                + "AND relation = to_regclass(?)")) {
            statement.setString(1, "\"" + workspace.schema().value() + "\".session_diary");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
