package com.memorylayer.audit.usage;

import com.memorylayer.audit.topology.AuditSinkProperties;
import com.memorylayer.audit.topology.FlushSchedule;
import com.memorylayer.audit.topology.SinkBacklog;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage events into per-minute and per-day totals, per workspace and per key.
 *
 * <p>Running totals live in a changelogged store and are written to Postgres whole, so the exactly-once
 * transaction that commits the store and the input offsets also decides what the database ends up holding: a
 * crash after a database write but before the Kafka commit replays the same events into the same totals.
 * Duplicate events (same id, e.g. the ingest worker re-emitting after a redelivery) are dropped by a store of
 * ids seen. A window's total is kept until the window is {@code grace} behind the newest event on the
 * partition; an event later than that is dropped, since counting it from zero would overwrite the stored total.
 */
public final class UsageProcessor implements Processor<String, byte[], Void, Void> {

    public static final String NAME = "usage-windows";
    public static final String SEEN_STORE = "usage-seen-events";
    public static final String TOTALS_STORE = "usage-window-totals";
    public static final String CHANGED_STORE = "usage-changed-windows";
    private static final byte[] MARK = {1};
    private static final Logger log = LoggerFactory.getLogger(UsageProcessor.class);

    private final AuditSinkProperties properties;
    private final UsageWriter writer;
    private final SinkBacklog backlog;
    private ProcessorContext<Void, Void> context;
    private WindowStore<Bytes, byte[]> seen;
    private KeyValueStore<Bytes, byte[]> totals;
    private KeyValueStore<Bytes, byte[]> changed;
    private FlushSchedule flushes;

    public UsageProcessor(AuditSinkProperties properties, UsageWriter writer, SinkBacklog backlog) {
        this.properties = properties;
        this.writer = writer;
        this.backlog = backlog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        seen = context.getStateStore(SEEN_STORE);
        totals = context.getStateStore(TOTALS_STORE);
        changed = context.getStateStore(CHANGED_STORE);
        flushes = new FlushSchedule(NAME, context, properties.flushInterval(), properties.flushBatch(), backlog,
                FlushSchedule.entries(changed), this::writeChanged);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope event;
        UsageEvent usage;
        try {
            event = EventCodec.decode(record.value());
            usage = event.dataAs(UsageEvent.class);
        } catch (RuntimeException e) {
            log.error("skipping unreadable usage record: {}", e.getMessage());
            return;
        }
        if (event.workspace() == null) {
            log.warn("skipping usage event {} without a workspace", event.id());
            return;
        }
        long time = record.timestamp();
        Bytes id = Bytes.wrap(event.id().toString().getBytes(StandardCharsets.UTF_8));
        long dedup = properties.dedupRetention().toMillis();
        try (WindowStoreIterator<byte[]> earlier = seen.fetch(id, Math.max(0, time - dedup), time + dedup)) {
            if (earlier.hasNext()) {
                return;
            }
        }
        if (time < context.currentStreamTimeMs() - properties.grace().toMillis()) {
            log.warn("dropping usage event {} at {}: later than the {} grace period", event.id(), Instant.ofEpochMilli(time),
                    properties.grace());
            return;
        }
        seen.put(id, MARK, time);
        UsageTotals delta = UsageTotals.of(usage);
        Instant at = Instant.ofEpochMilli(time);
        for (Granularity granularity : Granularity.values()) {
            Instant start = granularity.windowStart(at);
            add(new UsageWindowKey(event.workspace(), null, granularity, start), delta);
            if (event.keyId() != null) {
                add(new UsageWindowKey(event.workspace(), event.keyId(), granularity, start), delta);
            }
        }
    }

    private void add(UsageWindowKey window, UsageTotals delta) {
        Bytes key = Bytes.wrap(window.toBytes());
        byte[] current = totals.get(key);
        totals.put(key, (current == null ? UsageTotals.ZERO : UsageTotals.fromBytes(current)).plus(delta).toBytes());
        if (changed.get(key) == null) {
            changed.put(key, MARK);
            flushes.added();
        }
    }

    private void writeChanged() {
        while (true) {
            List<Bytes> keys = new ArrayList<>();
            Map<UsageWindowKey, UsageTotals> rows = new LinkedHashMap<>();
            try (KeyValueIterator<Bytes, byte[]> all = changed.all()) {
                while (all.hasNext() && keys.size() < properties.flushBatch()) {
                    KeyValue<Bytes, byte[]> next = all.next();
                    keys.add(next.key);
                    rows.put(UsageWindowKey.fromBytes(next.key.get()), UsageTotals.fromBytes(totals.get(next.key)));
                }
            }
            if (keys.isEmpty()) {
                break;
            }
            writer.write(rows);
            keys.forEach(changed::delete);
        }
        forgetClosedWindows();
    }

    /** Drops the running totals of windows no event may still land in; their final totals are in Postgres. */
    private void forgetClosedWindows() {
        Instant horizon = Instant.ofEpochMilli(context.currentStreamTimeMs() - properties.grace().toMillis());
        List<Bytes> closed = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = totals.all()) {
            while (all.hasNext()) {
                Bytes key = all.next().key;
                if (!UsageWindowKey.fromBytes(key.get()).windowEnd().isAfter(horizon) && changed.get(key) == null) {
                    closed.add(key);
                }
            }
        }
        closed.forEach(totals::delete);
    }

    @Override
    public void close() {
        flushes.close();
    }
}
