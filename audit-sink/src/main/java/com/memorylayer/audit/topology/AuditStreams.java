package com.memorylayer.audit.topology;

import com.memorylayer.audit.replay.SinkReset;
import com.memorylayer.audit.trail.AuditTrailWriter;
import com.memorylayer.audit.usage.UsageWriter;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the sink topology for as long as the application context lives, with exactly-once processing: the
 * state stores, their changelogs and the input offsets commit in one Kafka transaction.
 */
@Component
public class AuditStreams implements SmartLifecycle {

    private final AuditSinkProperties properties;
    private final AuditTrailWriter auditWriter;
    private final UsageWriter usageWriter;
    private final SinkReset reset;
    private final TopicSettings topics;
    private final boolean replay;
    private final SinkBacklog backlog = new SinkBacklog();
    private KafkaStreams streams;
    /** For {@link #caughtUp()}, which the launcher and tests poll; opened on first use, closed with the streams. */
    private Admin admin;

    public AuditStreams(AuditSinkProperties properties, AuditTrailWriter auditWriter, UsageWriter usageWriter,
            SinkReset reset, TopicSettings topics, @Value("${memorylayer.audit-sink.replay:false}") boolean replay) {
        this.properties = properties;
        this.auditWriter = auditWriter;
        this.usageWriter = usageWriter;
        this.reset = reset;
        this.topics = topics;
        this.replay = replay;
    }

    @Override
    public synchronized void start() {
        if (topics.provisionTopics()) {
            TopicProvisioner.ensureTopics(properties.bootstrapServers(), topics);
        }
        if (replay) {
            reset.reset();
        }
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDirectory().toAbsolutePath().toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
        // The changelogs and repartition topics Streams creates hold the sink's state: as replicated as the platform's
        // own topics, and a write to them acknowledged only once min.insync.replicas hold it (exactly-once already
        // implies acks=all; said here so no override can weaken it).
        config.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), Short.toString(topics.minInsyncReplicas()));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putAll(properties.streams());
        streams = new KafkaStreams(SinkTopology.build(properties, auditWriter, usageWriter, backlog), config);
        streams.start();
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            // Leave the group on the way out: otherwise the next start waits a whole session timeout for this
            // member to expire before it gets its partitions back.
            streams.close(CloseOptions.timeout(Duration.ofSeconds(10))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streams = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return streams != null;
    }

    /** True once the topology consumes: the dev launcher waits for this before it reports ready. */
    public synchronized boolean isConsuming() {
        return streams != null && streams.state() == KafkaStreams.State.RUNNING;
    }

    /** What the sink holds unwritten and how its flushes went: for its metrics. */
    SinkBacklog backlog() {
        return backlog;
    }

    /** Rows consumed but not yet in Postgres. */
    public long pendingRows() {
        return backlog.pending();
    }

    /**
     * True when every record now on the audit and usage topics is committed and written to Postgres: the
     * tables hold everything emitted so far.
     */
    public synchronized boolean caughtUp() {
        if (!isConsuming()) {
            return false;
        }
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()));
        }
        // The backlog is read after the lag: once every record is committed, none can still be on its way in.
        return InputLag.of(admin, properties.applicationId()) == 0 && backlog.pending() == 0;
    }
}
