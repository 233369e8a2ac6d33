package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.EmbeddedKafkaBroker;
import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.query.QueryServiceApplication;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
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
 * The query service as it runs — its own Spring context on its shipped settings, a real Postgres, a real broker,
 * the real embedder — over HTTP: the lifecycle fields of the recall body and of each result in their JSON names,
 * the refusals naming {@code mode} and {@code filters.status}, and the access counts of every recall landing on
 * {@code memorylayer.memory.commands} when the service stops.
 */
class RecallOverHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FACT = "The Eiffel Tower is 330 metres tall";
    static final String STORY = "We climbed the Eiffel Tower in May";
    static final String FORGOTTEN = "The Eiffel Tower tickets cost 20 euros";

    @TempDir
    static Path directory;
    static EmbeddedPostgresServer postgres;
    static EmbeddedKafkaBroker kafka;
    static ConfigurableApplicationContext service;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String url;
    static UUID workspace;
    static Map<String, UUID> ids = new HashMap<>();

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.startTemporary();
        kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), 0);
        TopicProvisioner.ensureTopics(kafka.bootstrapServers(), TopicSettings.defaults((short) 1));
        Migrations.migrateControlPlane(postgres.dataSource());
        workspace = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(workspace);
        Migrations.migrateWorkspace(postgres.dataSource(), schema);
        DSLContext dsl = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
        dsl.insertInto(WORKSPACES).set(WORKSPACES.ID, workspace).set(WORKSPACES.SLUG, "http-test")
                .set(WORKSPACES.NAME, "http test").set(WORKSPACES.SCHEMA_NAME, schema.value()).execute();
        DSLContext ws = new WorkspaceDsl(dsl).in(schema);
        try (BgeSmallEmbedder embedder = BgeSmallEmbedder.load(BgeModel.INT8, Path.of("target", "model-cache"))) {
            ids.put(FACT, StoredMemories.insert(ws, embedder, FACT, null, Map.of(MEMORIES.MEMORY_TYPE, "fact",
                    MEMORIES.LAYER, "semantic", MEMORIES.PINNED, true, MEMORIES.VERSION, 2)));
            ids.put(STORY, StoredMemories.insert(ws, embedder, STORY, null));
            ids.put(FORGOTTEN, StoredMemories.insert(ws, embedder, FORGOTTEN, null, Map.of(MEMORIES.STATUS, "forgotten",
                    MEMORIES.FORGOTTEN_AT, OffsetDateTime.now())));
        }
        service = QueryServiceApplication.builder().registerShutdownHook(false).run(
                "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--memorylayer.embedding.cache-directory=" + Path.of("target", "model-cache").toAbsolutePath(),
                "--memorylayer.rerank.cross-encoder-directory=" + Path.of("target", "no-reranker-here").toAbsolutePath(),
                // Only the flush at stop sends, so the test knows what one command holds.
                "--memorylayer.recall.access-flush-interval=1h",
                "--memorylayer.consistency.token-secret=query-service-test-secret");
        url = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port")
                + "/internal/v1/workspaces/" + workspace + "/recall";
    }

    @AfterAll
    static void stop() {
        if (service != null && service.isActive()) {
            service.close();
        }
        kafka.close();
        postgres.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private static Answer recall(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static List<String> contents(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        answer.body().path("results").forEach(r -> contents.add(r.path("content").asString()));
        return contents;
    }

    private static JsonNode resultFor(Answer answer, String content) {
        for (JsonNode result : answer.body().path("results")) {
            if (result.path("content").asString().equals(content)) {
                return result;
            }
        }
        throw new AssertionError("no result " + content + " in " + answer.body());
    }

    @Test
    void theLifecycleOfRecallOverHttpAndItsAccessCountsOnTheCommandLog() throws Exception {
        Answer plain = recall("{\"query\": \"How tall is the Eiffel Tower?\"}");
        assertThat(contents(plain)).containsExactlyInAnyOrder(FACT, STORY);
        JsonNode fact = resultFor(plain, FACT);
        assertThat(fact.path("status").asString()).isEqualTo("active");
        assertThat(fact.path("layer").asString()).isEqualTo("semantic");
        assertThat(fact.path("memory_type").asString()).isEqualTo("fact");
        assertThat(fact.path("pinned").asBoolean()).isTrue();
        assertThat(fact.path("version").asInt()).isEqualTo(2);
        JsonNode story = resultFor(plain, STORY);
        assertThat(story.path("layer").asString()).isEqualTo("episodic");
        assertThat(story.path("memory_type").asString()).isEqualTo("narrative");
        assertThat(story.path("pinned").isBoolean()).isTrue();

        assertThat(contents(recall("{\"query\": \"Eiffel Tower\", \"mode\": \"facts_only\"}"))).containsExactly(FACT);
        Answer forgotten = recall("{\"query\": \"Eiffel Tower\", \"filters\": {\"status\": \"forgotten\"}}");
        assertThat(contents(forgotten)).containsExactly(FORGOTTEN);
        assertThat(resultFor(forgotten, FORGOTTEN).path("status").asString()).isEqualTo("forgotten");

        Answer badMode = recall("{\"query\": \"Eiffel Tower\", \"mode\": \"everything\"}");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.body().path("code").asString()).isEqualTo("invalid_request");
        assertThat(badMode.body().path("details").path("field").asString()).isEqualTo("mode");
        Answer badStatus = recall("{\"query\": \"Eiffel Tower\", \"filters\": {\"status\": [\"gone\"]}}");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.body().path("details").path("field").asString()).isEqualTo("filters.status");
        assertThat(badStatus.body().path("message").asString()).contains("forgotten");

        // Stopping the service sends what it counted: one command for the workspace, each memory with its recalls.
        service.close();
        List<ConsumerRecord<String, byte[]>> commands = commandsOfWorkspace();
        assertThat(commands).hasSize(1);
        EventEnvelope command = EventCodec.decode(commands.getFirst().value());
        assertThat(command.source()).isEqualTo(EventSource.QUERY_SERVICE);
        assertThat(command.workspace()).isEqualTo(workspace);
        Map<UUID, Long> counts = new HashMap<>();
        command.dataAs(MemoriesAccessed.class).accesses().forEach(a -> counts.put(a.memoryId(), a.count()));
        assertThat(counts).isEqualTo(Map.of(ids.get(FACT), 2L, ids.get(STORY), 1L, ids.get(FORGOTTEN), 1L));
    }

    private static List<ConsumerRecord<String, byte[]>> commandsOfWorkspace() {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = IntStream.range(0, Topic.MEMORY_COMMANDS.partitions())
                    .mapToObj(p -> new TopicPartition(Topic.MEMORY_COMMANDS.topicName(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // The stop waited for the broker's acknowledgement, so the records are there; read for a moment more
            // in case of any duplicate.
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(workspace.toString())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
