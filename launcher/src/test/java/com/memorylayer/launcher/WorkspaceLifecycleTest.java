package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.controlplane.WebSession;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.topics.Topic;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A person's workspace end to end on the whole platform: created on a session, a key made for an agent, memories
 * remembered and exported, then the workspace deleted while a write is still in flight — which must not stall
 * the ingest of anyone else's writes.
 */
class WorkspaceLifecycleTest {

    /** The partition Kafka's default partitioner gives a workspace's commands (keyed by workspace id). */
    private static int partitionOf(String workspaceId) {
        return Utils.toPositive(Utils.murmur2(workspaceId.getBytes(StandardCharsets.UTF_8))) % Topic.MEMORY_COMMANDS.partitions();
    }

    @Test
    void createUseExportAndDeleteWithoutStallingOthers() {
        Platform platform = TestPlatform.get();
        TestPlatform.github().signInNextAs(6161, "lifecycle-owner");
        WebSession owner = new WebSession(platform.gatewayUrl());
        assertThat(owner.signIn().statusCode()).isEqualTo(200);
        HttpResponse<String> workspace = owner.json("POST", "/v1/workspaces", "{\"slug\":\"lifecycle\",\"name\":\"Lifecycle\"}");
        assertThat(workspace.statusCode()).isEqualTo(201);
        String workspaceId = ApiClient.JSON.readTree(workspace.body()).path("id").asString();
        HttpResponse<String> created = owner.json("POST", "/v1/workspaces/lifecycle/keys",
                "{\"name\":\"agent\",\"scopes\":[\"read\",\"write\",\"admin\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = ApiClient.JSON.readTree(created.body()).path("key").asString();
        ApiClient agent = new ApiClient(platform.gatewayUrl(), "lifecycle", key);

        agent.token(agent.remember("The deploy window is Tuesday 14:00 UTC"));
        String last = agent.token(agent.remember(Map.of("content", "Rollbacks need two approvals", "tags", List.of("ops"))));
        assertThat(agent.recallContents("when can we deploy?", 5, last)).contains("The deploy window is Tuesday 14:00 UTC");
        assertThat(ApiClient.JSON.readTree(owner.json("GET", "/v1/workspaces/lifecycle", null).body()).path("memory_count").asInt()).isEqualTo(2);

        ApiClient.Response export = agent.get("/export");
        assertThat(export.status()).isEqualTo(200);
        List<String> lines = export.raw().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = ApiClient.JSON.readTree(lines.get(0));
        assertThat(first.path("content").asString()).isEqualTo("The deploy window is Tuesday 14:00 UTC");
        assertThat(ApiClient.JSON.readTree(lines.get(1)).path("tags").toString()).isEqualTo("[\"ops\"]");

        assertThat(owner.json("DELETE", "/v1/workspaces/lifecycle", null).statusCode()).isEqualTo(204);
        assertThat(agent.get("").status()).isEqualTo(401);
        // A write accepted just before the deletion reaches the ingest worker after its schema is gone, in the same
        // batch as another tenant's write on the same partition: the other write must still be applied.
        TestPlatform.TestWorkspace other = TestPlatform.newWorkspace();
        while (partitionOf(other.workspace().id().toString()) != partitionOf(workspaceId)) {
            other = TestPlatform.newWorkspace();
        }
        EventEnvelope late = remember(UUID.fromString(workspaceId), "written as the workspace went");
        EventEnvelope neighbour = remember(other.workspace().id(), "Other tenants keep working");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 50),
                new StringSerializer(), new ByteArraySerializer())) {
            var lateSent = producer.send(new ProducerRecord<>(Topic.MEMORY_COMMANDS.topicName(), workspaceId, EventCodec.encode(late)));
            var neighbourSent = producer.send(new ProducerRecord<>(Topic.MEMORY_COMMANDS.topicName(),
                    other.workspace().id().toString(), EventCodec.encode(neighbour)));
            lateSent.get();
            neighbourSent.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String token = TestPlatform.tokenFor(other, neighbour.id());
        assertThat(other.api().recallContents("who keeps working?", 3, token)).contains("Other tenants keep working");
    }

    private static EventEnvelope remember(UUID workspace, String content) {
        UUID id = UUID.randomUUID();
        return EventEnvelope.wrap(id, "/memorylayer/gateway", Instant.now(), workspace, null, null,
                new RememberMemory(id, content, "note", List.of(), Map.of(), 0.5, null, "api", Instant.now()));
    }
}
