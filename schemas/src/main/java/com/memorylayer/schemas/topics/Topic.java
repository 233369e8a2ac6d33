package com.memorylayer.schemas.topics;

import java.time.Duration;
import java.util.Map;

/**
 * Every Kafka topic the platform uses, with the settings it is created with. Each topic's contract — which
 * event types it carries and how its records are keyed — is documented in {@code schemas/README.md}.
 *
 * <p>All topics are keyed by workspace id, so one workspace's events stay in order on one partition.
 */
public enum Topic {

    /** {@link com.memorylayer.schemas.events.MemoryCommand}s from the gateway to the ingest worker. */
    MEMORY_COMMANDS("memorylayer.memory.commands", 6, Duration.ofDays(7)),

    /**
     * {@link com.memorylayer.schemas.events.IngestCommand}s from the gateway to the ingest worker: one record per
     * accepted ingest or import request, up to 1,000 items and the 2,000,000-byte body, hence its larger record
     * limit. Kept as long as the command log, for the same reason (it holds memories' content).
     */
    MEMORY_BULK("memorylayer.memory.bulk", 6, Duration.ofDays(7)),

    /**
     * Workspace-wide maintenance {@link com.memorylayer.schemas.events.MemoryCommand}s (dedupe, consolidate, batch
     * and bulk forget, entity alias and merge), forwarded by the ingest worker from the commands topic once every
     * command accepted before them in their workspace is applied, so that a long pass runs on a consumer of its own
     * instead of delaying every workspace's interactive commands. Kept as long as the command log.
     */
    MEMORY_MAINTENANCE("memorylayer.memory.maintenance", 6, Duration.ofDays(7)),

    /** {@link com.memorylayer.schemas.events.MemoryChange}s from the ingest worker, for anything derived. */
    MEMORY_CHANGES("memorylayer.memory.changes", 6, Duration.ofDays(7)),

    /** {@link com.memorylayer.schemas.events.AuditEvent}s from the gateway to the audit-sink. */
    AUDIT("memorylayer.audit", 3, Duration.ofDays(365)),

    /** {@link com.memorylayer.schemas.events.UsageEvent}s from the gateway and the ingest worker to the audit-sink. */
    USAGE("memorylayer.usage", 3, Duration.ofDays(365));

    /** Kafka's own default for {@code max.message.bytes}. */
    static final int DEFAULT_MAX_RECORD_BYTES = 1_048_588;
    /** Room for a full 2,000,000-byte request with its escaping and envelope. */
    public static final int MAX_BULK_RECORD_BYTES = 8 * 1024 * 1024;

    private final String topicName;
    private final int partitions;
    private final Duration retention;

    Topic(String topicName, int partitions, Duration retention) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.retention = retention;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    /**
     * Retention unless {@link TopicSettings} chooses another; for the audit and usage topics the shipped
     * {@code memorylayer-kafka.yml} states the same 365 days as the operator's setting.
     */
    public Duration defaultRetention() {
        return retention;
    }

    /**
     * A segment is deleted only once every record in it is past retention, so a record lives up to retention plus
     * one segment's age. The command log rolls a segment a day, so that an erased memory's content leaves it within
     * a day of its retention, as erasure receipts promise; the other topics keep Kafka's default.
     */
    public Duration segmentAge() {
        return holdsContent() ? Duration.ofDays(1) : Duration.ofDays(7);
    }

    /** The topics whose records carry memories' content: what an erasure receipt must account for. */
    public boolean holdsContent() {
        return this == MEMORY_COMMANDS || this == MEMORY_BULK;
    }

    /**
     * The largest record the topic takes. A bulk record holds a whole request, whose body may reach 2,000,000 bytes
     * and grows a little as JSON inside JSON; the others keep the broker's default.
     */
    public int maxRecordBytes() {
        return this == MEMORY_BULK ? MAX_BULK_RECORD_BYTES : DEFAULT_MAX_RECORD_BYTES;
    }

    /**
     * None of the platform's topics is compacted: each is a log of events keyed by workspace, where a later
     * record never supersedes an earlier one. (The audit-sink's own state changelogs are compacted by Kafka
     * Streams.)
     */
    Map<String, String> configs(Duration retention, long retentionBytes, short minInsyncReplicas) {
        return Map.of("retention.ms", Long.toString(retention.toMillis()),
                "retention.bytes", Long.toString(retentionBytes),
                "segment.ms", Long.toString(segmentAge().toMillis()),
                "cleanup.policy", "delete",
                "min.insync.replicas", Short.toString(minInsyncReplicas),
                "max.message.bytes", Integer.toString(maxRecordBytes()));
    }
}
