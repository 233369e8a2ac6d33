package com.memorylayer.audit.topology;

import com.memorylayer.audit.sink.AuditWriter;
import com.memorylayer.schemas.events.AuditEvent;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.topics.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In: {@code memorylayer.audit} (workspace id → audit envelope JSON). Out: rows of {@code control.audit_events}.
 * Unreadable records are logged and passed over so one bad record cannot stop the audit trail.
 */
public final class AuditTopology {

    private static final Logger log = LoggerFactory.getLogger(AuditTopology.class);

    private AuditTopology() {
    }

    public static void build(StreamsBuilder builder, AuditWriter writer) {
        builder.stream(Topic.AUDIT.topicName(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .foreach((key, value) -> {
                    EventEnvelope event;
                    try {
                        event = EventCodec.decode(value);
                    } catch (EventCodec.UnknownEventException e) {
                        log.error("skipping unreadable audit record: {}", e.getMessage());
                        return;
                    }
                    switch (event.dataAs(AuditEvent.class)) {
                        case RequestAudited audited -> writer.write(event, audited);
                    }
                });
    }
}
