package com.memorylayer.schemas.topics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an operator may choose about the platform's topics: {@code memorylayer.kafka.*}, bound by every service
 * from the one shared settings file {@code memorylayer-kafka.yml} (imported by each service's own), so whichever
 * starts first creates the topics the same way.
 *
 * @param replicationFactor of every topic the platform creates, and of the audit-sink's internal topics
 * @param auditRetention    how long {@code memorylayer.audit} keeps events; it bounds how far back a replay can
 *                          rebuild the audit table
 * @param usageRetention    the same for {@code memorylayer.usage}
 * @param auditRetentionBytes how many bytes each partition of {@code memorylayer.audit} keeps at most, whatever
 *                          their age: a flood of calls cannot fill the broker's disk
 * @param usageRetentionBytes the same for {@code memorylayer.usage}
 * @param commandRetention  how long {@code memorylayer.memory.commands} and {@code memorylayer.memory.bulk} keep
 *                          commands, and so how long the content
 *                          of an erased memory may still exist in the log (an erasure receipt states until when)
 * @param provisionTopics   create missing topics at start (every service does; any one suffices)
 * @param minInsyncReplicas {@code min.insync.replicas} of every topic the platform creates and of the audit-sink's
 *                          internal topics: how many replicas must have a record before an {@code acks=all} write
 *                          is acknowledged. 1 on the single embedded broker; 2 with 3 brokers, so a write survives
 *                          the loss of any one broker and writes go on while one is down
 */
@ConfigurationProperties("memorylayer.kafka")
public record TopicSettings(short replicationFactor, Duration auditRetention, Duration usageRetention,
        Duration commandRetention, boolean provisionTopics, @DefaultValue("2147483648") long auditRetentionBytes,
        @DefaultValue("2147483648") long usageRetentionBytes,
        @DefaultValue("1") short minInsyncReplicas) {

    /** Two GiB a partition: a year of a busy workspace's calls, far less than a flood could write. */
    public static final long DEFAULT_RETENTION_BYTES = 2L * 1024 * 1024 * 1024;

    public TopicSettings {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("memorylayer.kafka.replication-factor must be at least 1, was " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("memorylayer.kafka.min-insync-replicas must be between 1 and the replication factor ("
                    + replicationFactor + "), was " + minInsyncReplicas);
        }
        Objects.requireNonNull(auditRetention, "memorylayer.kafka.audit-retention");
        Objects.requireNonNull(usageRetention, "memorylayer.kafka.usage-retention");
        Objects.requireNonNull(commandRetention, "memorylayer.kafka.command-retention");
        if (auditRetentionBytes < 1 || usageRetentionBytes < 1) {
            throw new IllegalArgumentException("memorylayer.kafka.audit-retention-bytes and usage-retention-bytes must be positive");
        }
        for (Duration retention : new Duration[] {auditRetention, usageRetention, commandRetention}) {
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("topic retention must be positive, was " + retention);
            }
        }
    }

    /**
     * Each topic's own retention, for code that provisions topics without Spring (tests, tools, examples); a
     * {@code min.insync.replicas} of 1.
     */
    public static TopicSettings defaults(short replicationFactor) {
        return defaults(replicationFactor, (short) 1);
    }

    /** As {@link #defaults(short)}, with {@code min.insync.replicas} chosen: e.g. 3 and 2 on a three-broker cluster. */
    public static TopicSettings defaults(short replicationFactor, short minInsyncReplicas) {
        return new TopicSettings(replicationFactor, Topic.AUDIT.defaultRetention(), Topic.USAGE.defaultRetention(),
                Topic.MEMORY_COMMANDS.defaultRetention(), true, DEFAULT_RETENTION_BYTES, DEFAULT_RETENTION_BYTES,
                minInsyncReplicas);
    }

    /**
     * The topic configs a topic is created with and brought back to at every start under these settings (retention,
     * size bound, segment age, cleanup policy, {@code min.insync.replicas}, largest record): what
     * {@link TopicProvisioner} applies, and what a deployment that declares its topics (infra/k8s's KafkaTopics) must
     * state the same.
     */
    public Map<String, String> configsOf(Topic topic) {
        return topic.configs(retentionOf(topic), retentionBytesOf(topic), minInsyncReplicas);
    }

    Duration retentionOf(Topic topic) {
        return switch (topic) {
            case MEMORY_COMMANDS, MEMORY_BULK, MEMORY_MAINTENANCE -> commandRetention;
            case AUDIT -> auditRetention;
            case USAGE -> usageRetention;
            default -> topic.defaultRetention();
        };
    }

    /** The size bound of each of the topic's partitions; -1 (none) for the topics bounded by time alone. */
    long retentionBytesOf(Topic topic) {
        return switch (topic) {
            case AUDIT -> auditRetentionBytes;
            case USAGE -> usageRetentionBytes;
            default -> -1;
        };
    }
}
