package com.memorylayer.schemas.topics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the platform's topics where they are missing. Every service runs it at start, so no start order is
 * needed; an existing topic is left as it is.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            List<NewTopic> topics = Arrays.stream(Topic.values())
                    .map(t -> new NewTopic(t.topicName(), t.partitions(), replicationFactor).configs(t.configs()))
                    .toList();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted creating topic " + name, e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka at " + bootstrapServers + " did not create " + name + " in time", e);
                }
            });
        }
    }
}
