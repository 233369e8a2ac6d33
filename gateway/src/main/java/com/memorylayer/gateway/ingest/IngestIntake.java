package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.memory.MemoryCommandPublisher;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.ImportedMemory;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.web.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Takes one request's items into a run: numbers them, puts them into the log as one record (so a request is in the
 * log entirely or not at all), then counts them as accepted.
 */
@Component
class IngestIntake {

    private static final Logger log = LoggerFactory.getLogger(IngestIntake.class);

    private final IngestRuns runs;
    private final MemoryCommandPublisher publisher;
    private final IngestProperties properties;
    private final Clock clock;
    private final ErasedIdCheck erased;

    IngestIntake(IngestRuns runs, MemoryCommandPublisher publisher, IngestProperties properties, Clock clock,
            ErasedIdCheck erased) {
        this.erased = erased;
        this.runs = runs;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    /** One item bound for the log: a memory to remember, an exported memory, or the reason it was refused. */
    record Pending(RememberMemory remember, ImportedMemory imported, IngestItems.Rejection rejected) {
    }

    List<Pending> items(IngestRequestParser.IngestBody parsed, UUID runId, WorkspaceCaller caller) {
        Instant now = clock.instant();
        return parsed.items().stream().map(d -> d.rejected() != null ? new Pending(null, null, d.rejected()) : remember(d, parsed,
                runId, now, caller)).toList();
    }

    /** The item as a remember; a value the fields' checks let through but the command refuses rejects the item alone. */
    private static Pending remember(IngestRequestParser.Draft draft, IngestRequestParser.IngestBody parsed, UUID runId, Instant now,
            WorkspaceCaller caller) {
        try {
            return new Pending(draft.fields().toRemember(runId, now, parsed.dedupe(), caller.userId()), null, null);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Pending(null, null, new IngestItems.Rejection(ErrorCode.INVALID_REQUEST.wire(), String.valueOf(e.getMessage())));
        }
    }

    /**
     * Numbers the items in the run, puts them into the log as one record, then counts them as accepted: a 202 means
     * the log holds every item of the request. A new run is only made once its first request is known to fit a record.
     */
    ResponseEntity<Map<String, Object>> accept(WorkspaceCaller caller, UUID runId, boolean newRun, String kind,
            String sourceName, String sourceType, List<Pending> pending, MeteredUnits metered) {
        erased.refuseErased(caller.workspace(), pending);
        Instant now = clock.instant();
        int first = newRun ? 0 : runs.reserve(caller.workspace(), runId, kind, pending.size());
        List<IngestItems.Item> items = new ArrayList<>(pending.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            int index = first + i;
            if (p.rejected() != null) {
                items.add(new IngestItems.Item(index, null, null, p.rejected()));
                errors.add(Map.of("index", index, "code", p.rejected().code(), "message", p.rejected().message()));
                rejected++;
            } else {
                items.add(new IngestItems.Item(index, p.remember(), p.imported(), null));
            }
        }
        UUID eventId = UUID.randomUUID();
        EventEnvelope envelope = EventEnvelope.wrap(eventId, EventSource.GATEWAY, now, caller.workspace().id(), caller.keyId(),
                runId.toString(), new IngestItems(runId, kind, sourceName, sourceType, items, caller.userId()));
        byte[] record = EventCodec.encode(envelope);
        if (record.length > Topic.MAX_BULK_RECORD_BYTES) {
            // Possible within the body limit when a split multiplies the text (CSV rows repeat their column names).
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request's items come to " + record.length
                    + " bytes, more than one request may carry (" + Topic.MAX_BULK_RECORD_BYTES + "); send them in smaller requests");
        }
        if (newRun) {
            runs.open(caller, runId, kind, sourceName, sourceType, items.size());
        }
        try {
            publisher.publish(Topic.MEMORY_BULK, envelope, record);
        } catch (ApiException e) {
            // The log may have taken it after all (a timeout): say where to look before sending it again.
            throw new ApiException(ErrorCode.EVENT_LOG_UNAVAILABLE, "the event log did not confirm the request; check run "
                    + runId + " before sending it again, it may still be applied", Map.of("run_id", runId));
        }
        try {
            runs.accepted(runId, eventId, first, items.size());
        } catch (RuntimeException e) {
            // The log holds the request, so it is accepted: the worker counts it when it gets there.
            log.warn("could not count request {} of run {} as accepted; the ingest worker will: {}", eventId, runId, e.toString());
        }
        metered.memoriesWritten(items.size() - rejected);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run_id", runId);
        answer.put("items", items.size());
        answer.put("first_index", first);
        answer.put("rejected", rejected);
        answer.put("errors", errors.size() > properties.errorsShown() ? errors.subList(0, properties.errorsShown()) : errors);
        answer.put("status", "accepted");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
