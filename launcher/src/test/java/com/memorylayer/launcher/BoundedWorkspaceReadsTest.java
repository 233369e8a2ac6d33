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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
 * One tenant's slow reads must not stall another's: workspace reads run on a pool of their own (a share per
 * workspace, a statement timeout), exports and MCP calls are limited per workspace as well as on the gateway, and
 * communities load a bounded number of relations. A platform of its own, with small bounds, so that the tests can hold every slot.
 *
 * <p>A read is made slow the way a big scan or a busy table makes it slow in production: the test takes an ACCESS
 * EXCLUSIVE lock on one workspace's table over a connection of its own, so every statement reading that table waits.
 */
class BoundedWorkspaceReadsTest {

    private static final int READ_POOL = 3;
    private static final int READS_PER_WORKSPACE = 2;
    private static final int MAX_RELATIONS = 50;
    /** More than the gateway's main pool (10): without a pool of their own, these reads would hold all of it. */
    private static final int SLOW_READS = 12;

    private static Platform platform;
    private static final ExecutorService clients = Executors.newFixedThreadPool(SLOW_READS + 4);

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(TestPlatform.tempDirectory(), TestPlatform.MODELS), Map.of(
                "memorylayer.rate-limit.workspace-per-minute", "100000",
                "memorylayer.rate-limit.owner-per-minute", "100000",
                "memorylayer.workspace-reads.pool-size", Integer.toString(READ_POOL),
                "memorylayer.workspace-reads.max-per-workspace", Integer.toString(READS_PER_WORKSPACE),
                "memorylayer.workspace-reads.connection-timeout", "500ms",
                "memorylayer.workspace-reads.statement-timeout", "8s",
                "memorylayer.workspaces.max-concurrent-exports", "2",
                "memorylayer.workspaces.max-concurrent-exports-per-workspace", "1",
                "memorylayer.mcp.max-concurrent-calls-per-workspace", "1"),
                // The reads of status, health, stats and the graph are the query service's (issue 25), on its own pool.
                Map.of("memorylayer.workspace-reads.pool-size", Integer.toString(READ_POOL),
                        "memorylayer.workspace-reads.max-per-workspace", Integer.toString(READS_PER_WORKSPACE),
                        "memorylayer.workspace-reads.connection-timeout", "500ms",
                        "memorylayer.workspace-reads.statement-timeout", "8s",
                        "memorylayer.workspace-reads.max-graph-relations", Integer.toString(MAX_RELATIONS)));
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aKeyCheckAndAWriteOfAnotherWorkspaceSucceedWhileSlowReadsHoldEveryReadConnection() throws Exception {
        Tenant slow = tenant();
        Tenant other = tenant();
        try (Connection lock = lockTable(slow, "memories")) {
            List<CompletableFuture<Response>> reads = new ArrayList<>();
            for (int i = 0; i < SLOW_READS; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> slow.api().get("/status"), clients));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnLock(lock) >= READS_PER_WORKSPACE);

            Response written = other.api().post("/v1/workspaces/" + other.slug() + "/memories?wait=true",
                    ApiClient.json(Map.of("content", "Ravi moved the nightly backup to 02:00.")), Map.of("X-API-Key", other.key()));
            assertThat(written.status()).as(written.raw()).isEqualTo(200);
            Response otherStatus = other.api().get("/status");
            assertThat(otherStatus.status()).as(otherStatus.raw()).isEqualTo(200);
            assertThat(otherStatus.body().path("memories").path("total").asInt()).isEqualTo(1);
            assertThat(reads).as("the slow workspace's reads are still waiting").anyMatch(read -> !read.isDone());

            List<String> codes = reads.stream().map(CompletableFuture::join).map(r -> r.status() + " " + r.code()).toList();
            // Two held the workspace's share until Postgres stopped them; the rest were refused without a connection.
            assertThat(codes).filteredOn(c -> c.equals("503 read_timeout")).hasSize(READS_PER_WORKSPACE);
            assertThat(codes).filteredOn(c -> c.equals("503 reads_busy")).hasSize(SLOW_READS - READS_PER_WORKSPACE);
            // The query service's refusal reaches the client through the gateway still saying when to come back.
            assertThat(reads.stream().map(CompletableFuture::join).filter(r -> "reads_busy".equals(r.code())))
                    .allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).isPresent());
        }
        Response after = slow.api().get("/status");
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
    }

    /** The memory routes are the query service's: its workspace-read pool bounds them as the gateway's bounded them. */
    @Test
    void oneWorkspacesSlowMemoryReadsHoldOnlyItsShareOfTheQueryServicesReadPool() throws Exception {
        Tenant slow = tenant();
        Tenant other = tenant();
        Response written = other.api().post("/v1/workspaces/" + other.slug() + "/memories?wait=true",
                ApiClient.json(Map.of("content", "Lena signs off the quarterly access review.")), Map.of("X-API-Key", other.key()));
        assertThat(written.status()).as(written.raw()).isEqualTo(200);
        try (Connection lock = lockTable(slow, "memories")) {
            List<CompletableFuture<Response>> reads = new ArrayList<>();
            for (int i = 0; i < SLOW_READS; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> slow.api().get("/memories"), clients));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnLock(lock) >= READS_PER_WORKSPACE);

            Response otherList = other.api().get("/memories");
            assertThat(otherList.status()).as(otherList.raw()).isEqualTo(200);
            assertThat(otherList.body().path("memories").get(0).path("content").asString())
                    .isEqualTo("Lena signs off the quarterly access review.");
            Response otherOne = other.api().get("/memories/" + written.body().path("id").asString());
            assertThat(otherOne.status()).as(otherOne.raw()).isEqualTo(200);
            assertThat(reads).as("the slow workspace's reads are still waiting").anyMatch(read -> !read.isDone());

            List<String> codes = reads.stream().map(CompletableFuture::join).map(r -> r.status() + " " + r.code()).toList();
            assertThat(codes).filteredOn(c -> c.equals("503 read_timeout")).hasSize(READS_PER_WORKSPACE);
            assertThat(codes).filteredOn(c -> c.equals("503 reads_busy")).hasSize(SLOW_READS - READS_PER_WORKSPACE);
        }
        Response after = slow.api().get("/memories");
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
    }

    @Test
    void aReadStoppedByTheStatementTimeoutAnswersAStableCodeAndNoStack() throws Exception {
        Tenant slow = tenant();
        try (Connection lock = lockTable(slow, "entity_relations")) {
            Response communities = slow.api().get("/graph/communities");
            assertThat(communities.status()).as(communities.raw()).isEqualTo(503);
            assertThat(communities.code()).isEqualTo("read_timeout");
            assertThat(communities.raw()).doesNotContain("PSQLException").doesNotContain("at org.");
        }
    }

    @Test
    void communitiesLoadAtMostTheBoundAndSaySoWhenTheGraphIsBigger() throws Exception {
        Tenant big = tenant();
        try (Connection db = connect()) {
            writeChainOfRelations(db, big.workspace().schema().value(), MAX_RELATIONS * 2);
        }
        Response communities = big.api().get("/graph/communities?min_size=2");
        assertThat(communities.status()).as(communities.raw()).isEqualTo(200);
        assertThat(communities.body().path("truncated").asBoolean()).isTrue();
        assertThat(communities.body().path("relations_read").asInt()).isEqualTo(MAX_RELATIONS);

        Tenant small = tenant();
        try (Connection db = connect()) {
            writeChainOfRelations(db, small.workspace().schema().value(), MAX_RELATIONS - 1);
        }
        Response whole = small.api().get("/graph/communities?min_size=2");
        assertThat(whole.body().path("truncated").asBoolean()).as(whole.raw()).isFalse();
        assertThat(whole.body().path("relations_read").asInt()).isEqualTo(MAX_RELATIONS - 1);
    }

    @Test
    void oneWorkspaceHoldingItsExportSlotDoesNotRefuseAnotherWorkspacesExport() throws Exception {
        Tenant busy = tenant();
        Tenant other = tenant();
        other.api().post("/v1/workspaces/" + other.slug() + "/memories?wait=true",
                ApiClient.json(Map.of("content", "Mina owns the billing runbook.")), Map.of("X-API-Key", other.key()));
        CompletableFuture<Response> held;
        List<Response> refused = new ArrayList<>();
        try (Connection lock = lockTable(busy, "memories")) {
            held = CompletableFuture.supplyAsync(() -> busy.api().get("/export"), clients);
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnLock(lock) >= 1);
            // The gateway allows two exports at once: without a limit per workspace, the busy one would take both.
            refused.add(busy.api().get("/export"));
            refused.add(busy.api().get("/export"));

            Response exported = other.api().get("/export");
            assertThat(exported.status()).as(exported.raw()).isEqualTo(200);
            assertThat(exported.raw()).contains("Mina owns the billing runbook.");
            assertThat(held).as("the busy workspace's export still holds its slot").isNotDone();
        }
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).as(r.raw()).isEqualTo(503);
            assertThat(r.code()).isEqualTo("exports_busy");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        });
        held.join();
        Response again = busy.api().get("/export");
        assertThat(again.status()).as("the slot is free once the export ended: " + again.raw()).isEqualTo(200);
    }

    @Test
    void oneWorkspacesWaitingMcpCallsLeaveAnotherWorkspacesCallsAlone() throws Exception {
        Tenant busy = tenant();
        Tenant other = tenant();
        CompletableFuture<Response> held;
        try (Connection lock = lockTable(busy, "memories")) {
            held = CompletableFuture.supplyAsync(() -> callTool(busy, "status"), clients);
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingOnLock(lock) >= 1);

            Response refused = callTool(busy, "status");
            assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("tool_calls_busy");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();

            Response answered = callTool(other, "status");
            assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
            assertThat(answered.body().path("result").path("isError").asBoolean()).as(answered.raw()).isFalse();
            assertThat(held).as("the busy workspace's call still holds its slot").isNotDone();
        }
        held.join();
        Response again = callTool(busy, "status");
        assertThat(again.body().path("result").path("isError").asBoolean()).as("the slot is free again: " + again.raw()).isFalse();
    }

    /** A {@code tools/call} over the workspace's MCP endpoint, as a client sends it. */
    private static Response callTool(Tenant tenant, String tool) {
        String message = ApiClient.json(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/call",
                "params", Map.of("name", tool, "arguments", Map.of())));
        return tenant.api().post("/v1/workspaces/" + tenant.slug() + "/mcp", message,
                Map.of("X-API-Key", tenant.key(), "Accept", "application/json, text/event-stream"));
    }

    private record Tenant(Workspace workspace, String key, ApiClient api) {
        String slug() {
            return workspace.slug();
        }
    }

    private static Tenant tenant() {
        String slug = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        IssuedApiKey key = platform.gateway().getBean(ApiKeyIssuer.class).issue(workspace.id(), "test",
                Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN), null);
        return new Tenant(workspace, key.token().value(), new ApiClient(platform.gatewayUrl(), slug, key.token().value()));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(platform.postgres().jdbcUrl(), platform.postgres().user(), platform.postgres().password());
    }

    /** A connection of the test's own holding an ACCESS EXCLUSIVE lock on one of the workspace's tables until closed. */
    private static Connection lockTable(Tenant tenant, String table) throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE \"" + tenant.workspace().schema().value() + "\"." + table + " IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }

    /** Statements waiting on the locks this connection holds. */
    private static int waitingOnLock(Connection lock) throws SQLException {
        try (Statement statement = lock.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND pg_backend_pid() = ANY (pg_blocking_pids(pid))")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Entities e0 … eN joined in a chain by N relations, each of its own weight, written as the ingest worker keeps them. */
    private static void writeChainOfRelations(Connection db, String schema, int relations) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement entity = db.prepareStatement("INSERT INTO \"" + schema + "\".entities "
                + "(id, entity_key, name, entity_type, mention_count, first_seen, last_seen) VALUES (?, ?, ?, 'other', 1, ?, ?)")) {
            for (int i = 0; i <= relations; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                entity.setObject(1, id);
                entity.setString(2, "entity " + i);
                entity.setString(3, "Entity " + i);
                entity.setTimestamp(4, now);
                entity.setTimestamp(5, now);
                entity.addBatch();
            }
            entity.executeBatch();
        }
        try (PreparedStatement relation = db.prepareStatement("INSERT INTO \"" + schema + "\".entity_relations "
                + "(source_id, target_id, relation, evidence_count, first_seen, last_seen) VALUES (?, ?, 'co_occurs', ?, ?, ?)")) {
            for (int i = 0; i < relations; i++) {
                relation.setObject(1, ids.get(i));
                relation.setObject(2, ids.get(i + 1));
                relation.setInt(3, i + 1);
                relation.setTimestamp(4, now);
                relation.setTimestamp(5, now);
                relation.addBatch();
            }
            relation.executeBatch();
        }
    }
}
