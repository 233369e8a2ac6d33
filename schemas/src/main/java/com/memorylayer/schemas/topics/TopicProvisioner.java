package com.memorylayer.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the platform's topics where they are missing, and brings an existing topic's retention (and segment age,
 * and {@code min.insync.replicas}) to the configured one (so changing the audit retention setting takes effect at the next start). Every service that
 * uses Kafka (the gateway, the ingest worker, the audit-sink) runs it at start, so no start order is needed.
 * Partition counts of existing topics are never touched: changing them would move workspaces between partitions
 * and break their ordering.
 */
public final class TopicProvisioner {

    private static final String RETENTION = "retention.ms";
    private static final String SEGMENT_AGE = "segment.ms";
    private static final String RETENTION_BYTES = "retention.bytes";
    private static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, TopicSettings settings) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            List<NewTopic> topics = Arrays.stream(Topic.values())
                    .map(t -> new NewTopic(t.topicName(), t.partitions(), settings.replicationFactor())
                            .configs(settings.configsOf(t)))
                    .toList();
            List<String> existing = new ArrayList<>();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    await(future, bootstrapServers, "create " + name);
                } catch (IllegalStateException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    existing.add(name);
                }
            });
            if (!existing.isEmpty()) {
                reconcileRetention(admin, bootstrapServers, settings, existing);
            }
            awaitLeaders(admin, bootstrapServers, topics.stream().map(NewTopic::name).toList());
        }
    }

    /**
     * Returns once every partition of the topics has a leader that answers for it. A created topic's partitions get theirs a moment
     * after {@code createTopics} answers; an idempotent producer whose first batch met that moment
     * ({@code NOT_LEADER_OR_FOLLOWER}) was seen to retry it behind later batches and fail them all with
     * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until their delivery timeout.
     */
    private static void awaitLeaders(Admin admin, String bootstrapServers, Collection<String> names) {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            boolean led;
            try {
                Map<String, TopicDescription> topics = await(admin.describeTopics(names).allTopicNames(), bootstrapServers,
                        "describe topics");
                led = topics.values().stream().flatMap(t -> t.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())
                        && leadersAnswer(admin, bootstrapServers, topics);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // Created, but not yet in the metadata of the broker that answered.
                led = false;
            }
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " gave the topics no leader within " + LEADER_WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the topics' leaders", e);
            }
        }
    }

    /**
     * Whether every partition's leader answers for it: the controller names a leader before that broker has taken
     * the partition on, and a write landing in between is the {@code NOT_LEADER_OR_FOLLOWER} above. A partition's
     * latest offset is read from its leader, so all of them answering means the brokers hold what the metadata says.
     */
    private static boolean leadersAnswer(Admin admin, String bootstrapServers, Map<String, TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.forEach((name, topic) -> topic.partitions()
                .forEach(partition -> latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
        try {
            await(admin.listOffsets(latest).all(), bootstrapServers, "read the partitions' offsets");
            return true;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InvalidMetadataException) {
                return false;
            }
            throw e;
        }
    }

    private static void reconcileRetention(Admin admin, String bootstrapServers, TopicSettings settings, Collection<String> names) {
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), bootstrapServers, "describe topics");
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (Topic topic : Topic.values()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName());
            Config config = configs.get(resource);
            if (config == null) {
                continue;
            }
            List<AlterConfigOp> ops = new ArrayList<>();
            for (String name : List.of(RETENTION, RETENTION_BYTES, SEGMENT_AGE, MIN_INSYNC_REPLICAS)) {
                String wanted = settings.configsOf(topic).get(name);
                ConfigEntry current = config.get(name);
                if (current == null || !wanted.equals(current.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(name, wanted), AlterConfigOp.OpType.SET));
                }
            }
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        }
        if (!changes.isEmpty()) {
            await(admin.incrementalAlterConfigs(changes).all(), bootstrapServers, "set topic retention");
        }
    }

    private static <T> T await(KafkaFuture<T> future, String bootstrapServers, String what) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " could not " + what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not " + what + " in time", e);
        }
    }
}
