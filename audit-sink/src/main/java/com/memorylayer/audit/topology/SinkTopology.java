package com.memorylayer.audit.topology;

import com.memorylayer.audit.trail.AuditTrailProcessor;
import com.memorylayer.audit.trail.AuditTrailWriter;
import com.memorylayer.audit.usage.UsageProcessor;
import com.memorylayer.audit.usage.UsageWriter;
import com.memorylayer.schemas.topics.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Two independent sub-topologies. {@code memorylayer.audit} → {@link AuditTrailProcessor} → {@code
 * control.audit_events}; {@code memorylayer.usage} → {@link UsageProcessor} → {@code control.usage_*_windows}.
 * Both topics are keyed by workspace, so each workspace's windows are counted by one task, in the partition's
 * order, which is what makes a replay land on the same totals.
 */
public final class SinkTopology {

    private SinkTopology() {
    }

    public static Topology build(AuditSinkProperties properties, AuditTrailWriter auditWriter, UsageWriter usageWriter,
            SinkBacklog backlog) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AuditTrailProcessor.PENDING_STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(UsageProcessor.SEEN_STORE, properties.dedupRetention(),
                        properties.dedupRetention(), false), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(UsageProcessor.TOTALS_STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(UsageProcessor.CHANGED_STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());

        builder.stream(Topic.AUDIT.topicName(), consumed("audit-events"))
                .process(() -> new AuditTrailProcessor(properties, auditWriter, backlog), Named.as(AuditTrailProcessor.NAME),
                        AuditTrailProcessor.PENDING_STORE);
        builder.stream(Topic.USAGE.topicName(), consumed("usage-events"))
                .process(() -> new UsageProcessor(properties, usageWriter, backlog), Named.as(UsageProcessor.NAME),
                        UsageProcessor.SEEN_STORE, UsageProcessor.TOTALS_STORE, UsageProcessor.CHANGED_STORE);
        return builder.build();
    }

    private static Consumed<String, byte[]> consumed(String name) {
        return Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withTimestampExtractor(new EnvelopeTimeExtractor())
                .withName(name);
    }
}
