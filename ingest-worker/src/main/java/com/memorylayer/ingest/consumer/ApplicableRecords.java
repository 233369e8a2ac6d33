package com.memorylayer.ingest.consumer;

import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;

/**
 * The records of a poll that can be applied: what no retry can cure is taken out first and logged, since a batch
 * that fails is retried until it applies. A record no build of ours can read would block the partition for ever;
 * a command for a workspace deleted after it was accepted has no schema left to write into.
 */
public final class ApplicableRecords {

    private ApplicableRecords() {
    }

    /** An applicable command and the headers of the record that carried it (its trace context among them). */
    public record Applicable(EventEnvelope event, Headers headers) {
    }

    /**
     * The decodable records carrying a {@code payloadType} for a workspace that still exists, in order; what is
     * skipped is logged to the consumer's own {@code log}.
     */
    public static List<EventEnvelope> of(List<ConsumerRecord<String, byte[]>> records, Class<? extends EventPayload> payloadType,
            WorkspaceLedger workspaces, Logger log) {
        return withHeaders(records, payloadType, workspaces, log).stream().map(Applicable::event).toList();
    }

    /** As {@link #of}, each with its record's headers. */
    public static List<Applicable> withHeaders(List<ConsumerRecord<String, byte[]>> records,
            Class<? extends EventPayload> payloadType, WorkspaceLedger workspaces, Logger log) {
        List<Applicable> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope event = EventCodec.decode(record.value());
                event.dataAs(payloadType);
                decoded.add(new Applicable(event, record.headers()));
            } catch (RuntimeException e) {
                log.error("skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        // Asked afresh for every batch, not cached: one failing command would otherwise fail, and in the end drop,
        // the whole batch.
        Set<UUID> live = workspaces.existing(decoded.stream().map(a -> a.event().workspace()).filter(Objects::nonNull).toList());
        List<Applicable> applicable = new ArrayList<>(decoded.size());
        for (Applicable candidate : decoded) {
            EventEnvelope event = candidate.event();
            if (live.contains(event.workspace())) {
                applicable.add(candidate);
            } else {
                log.warn("skipping command {} for unknown or deleted workspace {}", event.id(), event.workspace());
            }
        }
        return applicable;
    }
}
