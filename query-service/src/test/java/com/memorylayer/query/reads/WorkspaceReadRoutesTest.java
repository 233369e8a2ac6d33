package com.memorylayer.query.reads;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUN_ITEMS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.query.QueryServiceApplication;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side's internal routes that moved from the gateway (issue 25) — status, health, stats, the entity graph,
 * ingest runs — as the query service answers them over HTTP on its shipped settings and a real Postgres: their JSON
 * names, their refusals' codes, and a run read from the control plane's ledger beside the workspace's outcomes.
 */
class WorkspaceReadRoutesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path directory;
    static EmbeddedPostgresServer postgres;
    static EmbeddedKafkaBroker kafka;
    static ConfigurableApplicationContext service;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String base;
    static DSLContext dsl;
    static UUID workspace;
    static DSLContext ws;
    static UUID memory;
    static UUID entity;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), TopicSettings.defaults((short) 1));
        Migrations.migrateControlPlane(postgres.dataSource());
        dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        workspace = newWorkspace("reads-test");
        ws = new WorkspaceDsl(dsl).in(WorkspaceSchemaName.of(workspace));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        memory = UUID.randomUUID();
        ws.insertInto(MEMORIES).set(MEMORIES.ID, memory).set(MEMORIES.CONTENT, "Ana runs the Lisbon office").set(MEMORIES.KIND, "note")
                .set(MEMORIES.METADATA, JSONB.valueOf("{}")).set(MEMORIES.SOURCE, "ingest:" + UUID.randomUUID())
                .set(MEMORIES.CONTENT_HASH, new byte[] {1}).set(MEMORIES.EMBEDDING, new byte[384 * Float.BYTES])
                .set(MEMORIES.EMBEDDING_MODEL, "bge-small-en-v1.5").set(MEMORIES.CREATED_AT, now).set(MEMORIES.UPDATED_AT, now)
                .execute();
        entity = UUID.randomUUID();
        ws.insertInto(ENTITIES).set(ENTITIES.ID, entity).set(ENTITIES.ENTITY_KEY, "ana").set(ENTITIES.NAME, "Ana")
                .set(ENTITIES.ENTITY_TYPE, "person").set(ENTITIES.MENTION_COUNT, 1).set(ENTITIES.FIRST_SEEN, now)
                .set(ENTITIES.LAST_SEEN, now).execute();
        ws.insertInto(ENTITY_MENTIONS).set(ENTITY_MENTIONS.ENTITY_ID, entity).set(ENTITY_MENTIONS.MEMORY_ID, memory)
                .set(ENTITY_MENTIONS.SURFACE, "Ana").set(ENTITY_MENTIONS.CREATED_AT, now).execute();
        service = QueryServiceApplication.builder().registerShutdownHook(false).run(
                "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--memorylayer.embedding.cache-directory=" + Path.of("target", "model-cache").toAbsolutePath(),
                "--memorylayer.rerank.cross-encoder-directory=" + Path.of("target", "no-reranker-here").toAbsolutePath(),
                "--memorylayer.consistency.token-secret=query-service-test-secret");
        base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port") + "/internal/v1/workspaces/";
    }

    @AfterAll
    static void stop() {
        if (service != null && service.isActive()) {
            service.close();
        }
        kafka.close();
        postgres.close();
    }

    private static UUID newWorkspace(String slug) {
        UUID id = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(id);
        Migrations.migrateWorkspace(postgres.dataSource(), schema);
        dsl.insertInto(WORKSPACES).set(WORKSPACES.ID, id).set(WORKSPACES.SLUG, slug).set(WORKSPACES.NAME, slug)
                .set(WORKSPACES.SCHEMA_NAME, schema.value()).execute();
        return id;
    }

    private record Answer(int status, JsonNode body) {
        String code() {
            return body.path("code").asString();
        }
    }

    private static Answer get(UUID workspaceId, String route) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + workspaceId + route)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void statusHealthAndStatsAnswerInTheirJsonNames() throws Exception {
        Answer status = get(workspace, "/status");
        assertThat(status.status()).as(status.body().toString()).isEqualTo(200);
        assertThat(status.body().path("memories").path("total").asInt()).isEqualTo(1);
        assertThat(status.body().path("memories").path("by_source").path("ingest").asInt()).isEqualTo(1);
        assertThat(status.body().path("entities").asInt()).isEqualTo(1);
        assertThat(status.body().path("bytes").asLong()).isPositive();

        Answer health = get(workspace, "/health");
        assertThat(health.body().path("status").asString()).as(health.body().toString()).isEqualTo("ok");
        assertThat(health.body().path("memories_without_vectors").asInt()).isZero();
        assertThat(health.body().path("runtime").path("reachable").asBoolean()).isTrue();
        assertThat(health.body().path("embedding_models").path("bge-small-en-v1.5").asInt()).isEqualTo(1);

        assertThat(get(workspace, "/stats/memory-count").body().path("memories").asInt()).isEqualTo(1);
        assertThat(get(workspace, "/stats/count-by?group_by=layer").body().path("counts").path("episodic").asInt()).isEqualTo(1);
        assertThat(get(workspace, "/stats/top-entities?limit=5").body().path("entities").get(0).path("name").asString())
                .isEqualTo("Ana");
        Answer badGroup = get(workspace, "/stats/count-by?group_by=colour");
        assertThat(badGroup.status()).isEqualTo(400);
        assertThat(badGroup.body().path("details").path("field").asString()).isEqualTo("group_by");
        assertThat(get(workspace, "/stats/hotspots?hours=0").status()).isEqualTo(400);
    }

    @Test
    void theGraphsRoutesNameTheirEntitiesAndRefuseWhatIsNotThere() throws Exception {
        Answer search = get(workspace, "/entities?q=an&limit=10");
        assertThat(search.body().path("entities").get(0).path("mention_count").asInt()).as(search.body().toString()).isEqualTo(1);
        assertThat(search.body().path("entities").get(0).has("relations")).as("a list shows no relations").isFalse();
        assertThat(get(workspace, "/entities/" + entity).body().path("relations").isArray()).isTrue();
        assertThat(get(workspace, "/entities/lookup?name=the%20Ana").body().path("id").asString()).isEqualTo(entity.toString());
        assertThat(get(workspace, "/entities/lookup?name=Nobody").body().path("id").isNull()).isTrue();
        assertThat(get(workspace, "/entities/" + entity + "/memories").body().path("memories").get(0).path("mentioned_as").asString())
                .isEqualTo("Ana");

        UUID unknown = UUID.randomUUID();
        Answer missing = get(workspace, "/entities/missing?ids=" + entity + "," + unknown);
        assertThat(missing.body().path("missing").size()).isEqualTo(1);
        assertThat(missing.body().path("missing").get(0).asString()).isEqualTo(unknown.toString());
        assertThat(get(workspace, "/entities/" + unknown).code()).isEqualTo("entity_not_found");
        assertThat(get(workspace, "/entities/" + unknown + "/graph").code()).isEqualTo("entity_not_found");
        assertThat(get(workspace, "/memories/" + unknown + "/backlinks").code()).isEqualTo("memory_not_found");
        assertThat(get(workspace, "/graph/communities?min_size=1").status()).isEqualTo(400);
        Answer communities = get(workspace, "/graph/communities");
        assertThat(communities.body().path("truncated").asBoolean()).as(communities.body().toString()).isFalse();
    }

    @Test
    void aWorkspaceThatDoesNotExistIsNotFoundOnEveryRoute() throws Exception {
        UUID nowhere = UUID.randomUUID();
        for (String route : new String[] {"/status", "/health", "/entities", "/graph/communities", "/ingest/runs?limit=5"}) {
            Answer answer = get(nowhere, route);
            assertThat(answer.status()).as(route).isEqualTo(404);
            assertThat(answer.code()).as(route).isEqualTo("workspace_not_found");
        }
    }

    @Test
    void aRunIsReadFromTheControlLedgerBesideWhatTheWorkerRecordedOfItsItems() throws Exception {
        UUID run = UUID.randomUUID();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        var ledger = com.memorylayer.schemas.jooq.control.Tables.INGEST_RUNS;
        dsl.insertInto(ledger).set(ledger.ID, run).set(ledger.WORKSPACE_ID, workspace).set(ledger.RUN_KIND, "ingest")
                .set(ledger.SOURCE_NAME, "notes.md").set(ledger.NEXT_INDEX, 3).set(ledger.ITEMS_ACCEPTED, 3L)
                .set(ledger.STARTED_AT, started).set(ledger.APPENDED_AT, started).set(ledger.IDLE_CLOSE_AT, started.plusMinutes(10))
                .set(ledger.CLOSED_AT, started.plusMinutes(1)).execute();
        var counted = com.memorylayer.schemas.jooq.workspace_template.Tables.INGEST_RUNS;
        ws.insertInto(counted).set(counted.ID, run).set(counted.RUN_KIND, "ingest").set(counted.ITEMS_APPLIED, 2L)
                .set(counted.ITEMS_REJECTED, 1L).set(counted.STARTED_AT, started).set(counted.APPENDED_AT, started)
                .set(counted.APPLIED_AT, started.plusMinutes(2)).execute();
        for (int i = 0; i < 3; i++) {
            ws.insertInto(INGEST_RUN_ITEMS).set(INGEST_RUN_ITEMS.RUN_ID, run).set(INGEST_RUN_ITEMS.ITEM_INDEX, i)
                    .set(INGEST_RUN_ITEMS.OUTCOME, i == 1 ? "rejected:invalid_request" : "stored")
                    .set(INGEST_RUN_ITEMS.ERROR_CODE, i == 1 ? "invalid_request" : null)
                    .set(INGEST_RUN_ITEMS.ERROR_MESSAGE, i == 1 ? "'content' is required" : null)
                    .set(INGEST_RUN_ITEMS.APPLIED_AT, started.plusMinutes(2)).execute();
        }

        Answer view = get(workspace, "/ingest/runs/" + run + "?errors=5");
        assertThat(view.status()).as(view.body().toString()).isEqualTo(200);
        assertThat(view.body().path("status").asString()).isEqualTo("completed_with_errors");
        assertThat(view.body().path("items_accepted").asLong()).isEqualTo(3);
        assertThat(view.body().path("items_applied").asLong()).isEqualTo(2);
        assertThat(view.body().path("progress").asDouble()).isEqualTo(1.0);
        assertThat(view.body().path("errors").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(view.body().path("errors").get(0).path("code").asString()).isEqualTo("invalid_request");

        Answer list = get(workspace, "/ingest/runs?limit=10");
        assertThat(list.body().path("runs").get(0).path("run_id").asString()).isEqualTo(run.toString());
        assertThat(list.body().path("runs").get(0).has("errors")).as("a list shows no errors").isFalse();
        Answer rejected = get(workspace, "/ingest/runs/" + run + "/items?outcome=rejected&limit=10");
        assertThat(rejected.body().path("items").size()).isEqualTo(1);
        assertThat(rejected.body().path("items").get(0).path("message").asString()).isEqualTo("'content' is required");
        Answer stored = get(workspace, "/ingest/runs/" + run + "/items?outcome=stored&after=0&limit=10");
        assertThat(stored.body().path("items").get(0).path("index").asInt()).isEqualTo(2);
        assertThat(stored.body().path("items").get(0).has("code")).isFalse();

        assertThat(get(workspace, "/ingest/runs/" + UUID.randomUUID() + "?errors=5").code()).isEqualTo("run_not_found");
        // Another workspace's run is not found here.
        UUID other = newWorkspace("reads-other");
        assertThat(get(other, "/ingest/runs/" + run + "?errors=5").code()).isEqualTo("run_not_found");
        assertThat(get(other, "/ingest/runs/" + run + "/items?limit=5").code()).isEqualTo("run_not_found");
    }
}
