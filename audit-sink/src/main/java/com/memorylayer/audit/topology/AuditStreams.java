package com.memorylayer.audit.topology;

import com.memorylayer.audit.sink.AuditWriter;
import com.memorylayer.schemas.topics.TopicProvisioner;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the audit topology for as long as the application context lives. */
@Component
public class AuditStreams implements SmartLifecycle {

    private final AuditSinkProperties properties;
    private final AuditWriter writer;
    private final short replicationFactor;
    private KafkaStreams streams;

    public AuditStreams(AuditSinkProperties properties, AuditWriter writer,
            @Value("${memorylayer.kafka.replication-factor:1}") short replicationFactor) {
        this.properties = properties;
        this.writer = writer;
        this.replicationFactor = replicationFactor;
    }

    @Override
    public synchronized void start() {
        TopicProvisioner.ensureTopics(properties.bootstrapServers(), replicationFactor);
        StreamsBuilder builder = new StreamsBuilder();
        AuditTopology.build(builder, writer);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDirectory().toAbsolutePath().toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        streams = new KafkaStreams(builder.build(), config);
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
    }

    @Override
    public synchronized boolean isRunning() {
        return streams != null;
    }

    /** True once the topology consumes: the dev launcher waits for this before it reports ready. */
    public synchronized boolean isConsuming() {
        return streams != null && streams.state() == KafkaStreams.State.RUNNING;
    }
}
