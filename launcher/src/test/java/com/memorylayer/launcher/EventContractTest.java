package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import com.memorylayer.schemas.events.EventSchemas;
import com.memorylayer.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the running services really put on Kafka matches the checked-in JSON Schemas: every record of every
 * topic, read from offset 0 after calls that make each service emit each event type it has.
 */
class EventContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyRecordOnEveryTopicMatchesItsPublishedSchema() throws Exception {
        TestWorkspace ws = TestPlatform.newWorkspace();
        String token = ws.api().token(ws.api().remember(Map.of("content", "The contract test remembers this",
                "tags", List.of("contract"), "metadata", Map.of("n", 1))));
        ws.api().recallContents("contract", 1, token);
        new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), "").post("/v1/workspaces/" + ws.slug() + "/recall",
                "{}", Map.of("X-API-Key", "mlk_000000000000_" + "A".repeat(43)));

        Map<String, Integer> typesSeen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> required = Set.of("memorylayer.memory.remember", "memorylayer.memory.stored",
                "memorylayer.audit.request", "memorylayer.usage.recorded", "memorylayer.usage.embedded");
        while (!typesSeenFor(ws.workspace().id(), typesSeen, problems).containsAll(required)) {
            assertThat(System.nanoTime()).as("every event type emitted; saw " + typesSeen).isLessThan(deadline);
            Thread.sleep(500);
        }
        assertThat(problems).isEmpty();
        assertThat(typesSeen.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(5);
    }

    /** Reads all four topics to their current end, checking every record; returns the types seen for one workspace. */
    private static Set<String> typesSeenFor(UUID workspace, Map<String, Integer> counts, List<String> problems) {
        counts.clear();
        problems.clear();
        Set<String> typesForWorkspace = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestPlatform.get().kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                for (int p = 0; p < topic.partitions(); p++) {
                    partitions.add(new TopicPartition(topic.topicName(), p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    String type = event.path("type").asString();
                    counts.merge(type, 1, Integer::sum);
                    for (String problem : EventSchemas.problems(record.value())) {
                        problems.add(record.topic() + "@" + record.offset() + " " + type + ": " + problem);
                    }
                    if (workspace.toString().equals(event.path("workspace").asString())) {
                        typesForWorkspace.add(type);
                    }
                }
            }
        }
        return typesForWorkspace;
    }
}
