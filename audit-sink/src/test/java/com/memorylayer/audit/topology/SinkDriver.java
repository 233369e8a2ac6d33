package com.memorylayer.audit.topology;

import com.memorylayer.audit.trail.AuditTrailWriter;
import com.memorylayer.audit.usage.UsageWriter;
import com.memorylayer.schemas.events.AuditEvent;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.topics.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.jooq.DSLContext;

/**
 * The topology {@link SinkTopology#build} makes, with the real writers, fed record by record through a
 * {@link TopologyTestDriver} instead of a broker. As in production, nothing reaches Postgres until a flush
 * interval passes on the driver's wall clock ({@link #letFlushIntervalPass()}) or a batch fills.
 *
 * <p>Unlike production, where each sub-topology has its own tasks, the driver runs the whole topology as one task
 * over one partition per topic, so audit and usage records share one stream time.
 */
final class SinkDriver implements AutoCloseable {

    /** The defaults of {@code audit-sink.yml}. */
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration DEDUP_RETENTION = Duration.ofHours(24);
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    static final int FLUSH_BATCH = 2000;

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> audit;
    private final TestInputTopic<String, byte[]> usage;
    private final SinkBacklog backlog = new SinkBacklog();

    SinkDriver(DSLContext dsl, Path stateDirectory) {
        this(dsl, stateDirectory, FLUSH_BATCH);
    }

    SinkDriver(DSLContext dsl, Path stateDirectory, int flushBatch) {
        AuditSinkProperties properties = new AuditSinkProperties("unused:9092", "audit-sink-topology-test",
                stateDirectory, GRACE, DEDUP_RETENTION, Duration.ofSeconds(1), FLUSH_INTERVAL, flushBatch, null);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toAbsolutePath().toString());
        driver = new TopologyTestDriver(SinkTopology.build(properties, new AuditTrailWriter(dsl), new UsageWriter(dsl),
                backlog), config, Instant.parse("2026-01-01T00:00:00Z"));
        audit = driver.createInputTopic(Topic.AUDIT.topicName(), new StringSerializer(), new ByteArraySerializer());
        usage = driver.createInputTopic(Topic.USAGE.topicName(), new StringSerializer(), new ByteArraySerializer());
    }

    /** Delivers the event to the topic its payload belongs on, keyed by workspace as producers key it. */
    void deliver(EventEnvelope event) {
        String key = event.workspace() == null ? null : event.workspace().toString();
        (event.data() instanceof AuditEvent ? audit : usage).pipeInput(key, EventCodec.encode(event));
    }

    /** Lets one flush interval pass on the wall clock, which is when the processors write to Postgres. */
    void letFlushIntervalPass() {
        driver.advanceWallClockTime(FLUSH_INTERVAL);
    }

    /** Rows the processors hold and have not yet written. */
    long pendingRows() {
        return backlog.pending();
    }

    @Override
    public void close() {
        driver.close();
    }
}
