package com.memorylayer.audit.trail;

import com.memorylayer.audit.topology.AuditSinkProperties;
import com.memorylayer.audit.topology.FlushSchedule;
import com.memorylayer.audit.topology.SinkBacklog;
import com.memorylayer.schemas.events.AuditEvent;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit events into {@code control.audit_events}. Each event waits in a changelogged store until a flush writes
 * it; the row's key is the event id, so a duplicate, or a flush repeated after a crash, adds nothing.
 */
public final class AuditTrailProcessor implements Processor<String, byte[], Void, Void> {

    public static final String NAME = "audit-trail";
    public static final String PENDING_STORE = "audit-pending-events";
    private static final Logger log = LoggerFactory.getLogger(AuditTrailProcessor.class);

    private final AuditSinkProperties properties;
    private final AuditTrailWriter writer;
    private final SinkBacklog backlog;
    private KeyValueStore<Bytes, byte[]> pending;
    private FlushSchedule flushes;

    public AuditTrailProcessor(AuditSinkProperties properties, AuditTrailWriter writer, SinkBacklog backlog) {
        this.properties = properties;
        this.writer = writer;
        this.backlog = backlog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        pending = context.getStateStore(PENDING_STORE);
        flushes = new FlushSchedule(NAME, context, properties.flushInterval(), properties.flushBatch(), backlog,
                FlushSchedule.entries(pending), this::writePending);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
            event.dataAs(AuditEvent.class);
        } catch (RuntimeException e) {
            // One unreadable record must not stop the audit trail; it stays in the topic for inspection.
            log.error("skipping unreadable audit record: {}", e.getMessage());
            return;
        }
        Bytes id = Bytes.wrap(event.id().toString().getBytes(StandardCharsets.UTF_8));
        if (pending.get(id) == null) {
            pending.put(id, record.value());
            flushes.added();
        }
    }

    private void writePending() {
        while (true) {
            List<Bytes> ids = new ArrayList<>();
            List<EventEnvelope> events = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> all = pending.all()) {
                while (all.hasNext() && ids.size() < properties.flushBatch()) {
                    KeyValue<Bytes, byte[]> next = all.next();
                    ids.add(next.key);
                    events.add(EventCodec.decode(next.value));
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            writer.write(events);
            ids.forEach(pending::delete);
        }
    }

    @Override
    public void close() {
        flushes.close();
    }
}
