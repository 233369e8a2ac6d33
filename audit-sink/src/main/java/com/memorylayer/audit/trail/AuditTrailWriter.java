package com.memorylayer.audit.trail;

import static com.memorylayer.schemas.jooq.control.Tables.ANONYMOUS_REFUSALS;
import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;

import com.memorylayer.schemas.events.AuditEvent;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RefusalsCounted;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.jooq.control.tables.records.AuditEventsRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep12;
import org.springframework.stereotype.Component;

/** Writes audit events as rows keyed by event id: an event written before finds its row and changes nothing. */
@Component
public class AuditTrailWriter {

    private final DSLContext dsl;

    public AuditTrailWriter(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Writes every event: calls into {@code audit_events}, refusal counts into {@code anonymous_refusals}. */
    public void write(List<EventEnvelope> events) {
        List<EventEnvelope> calls = new ArrayList<>();
        List<EventEnvelope> refusals = new ArrayList<>();
        for (EventEnvelope event : events) {
            switch (event.dataAs(AuditEvent.class)) {
                case RequestAudited audited -> calls.add(event);
                case RefusalsCounted counted -> refusals.add(event);
            }
        }
        writeCalls(calls);
        writeRefusals(refusals);
    }

    private void writeRefusals(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(ANONYMOUS_REFUSALS, ANONYMOUS_REFUSALS.EVENT_ID, ANONYMOUS_REFUSALS.CLIENT_ADDRESS,
                ANONYMOUS_REFUSALS.STATUS, ANONYMOUS_REFUSALS.WINDOW_START, ANONYMOUS_REFUSALS.REFUSALS);
        for (EventEnvelope event : events) {
            RefusalsCounted counted = event.dataAs(RefusalsCounted.class);
            insert = insert.values(event.id(), counted.clientAddress(), counted.status(),
                    counted.windowStart().atOffset(ZoneOffset.UTC), counted.refusals());
        }
        insert.onConflictDoNothing().execute();
    }

    private void writeCalls(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        InsertValuesStep12<AuditEventsRecord, UUID, UUID, UUID, OffsetDateTime, String, String, Integer, Integer, String, String, UUID, String> insert = dsl.insertInto(AUDIT_EVENTS, AUDIT_EVENTS.EVENT_ID,
                AUDIT_EVENTS.WORKSPACE_ID, AUDIT_EVENTS.KEY_ID, AUDIT_EVENTS.OCCURRED_AT, AUDIT_EVENTS.ROUTE,
                AUDIT_EVENTS.METHOD, AUDIT_EVENTS.STATUS, AUDIT_EVENTS.LATENCY_MS, AUDIT_EVENTS.REQUEST_ID,
                AUDIT_EVENTS.CLIENT_ADDRESS, AUDIT_EVENTS.USER_ID, AUDIT_EVENTS.TOOL);
        for (EventEnvelope event : events) {
            RequestAudited audited = event.dataAs(RequestAudited.class);
            insert = insert.values(event.id(), event.workspace(), event.keyId(),
                    event.time().atOffset(ZoneOffset.UTC), audited.route(), audited.method(), audited.status(),
                    (int) Math.min(Integer.MAX_VALUE, audited.latencyMs()), audited.requestId(),
                    audited.clientAddress(), audited.userId(), audited.tool());
        }
        insert.onConflictDoNothing().execute();
    }
}
