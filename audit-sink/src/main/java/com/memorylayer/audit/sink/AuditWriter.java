package com.memorylayer.audit.sink;

import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;

import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RequestAudited;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Writes one audit event as one row, keyed by event id: a replayed event finds its row and changes nothing. */
@Component
public class AuditWriter {

    private final DSLContext dsl;

    public AuditWriter(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void write(EventEnvelope event, RequestAudited audited) {
        dsl.insertInto(AUDIT_EVENTS)
                .set(AUDIT_EVENTS.EVENT_ID, event.id())
                .set(AUDIT_EVENTS.WORKSPACE_ID, event.workspace())
                .set(AUDIT_EVENTS.KEY_ID, event.keyId())
                .set(AUDIT_EVENTS.OCCURRED_AT, event.time().atOffset(ZoneOffset.UTC))
                .set(AUDIT_EVENTS.ROUTE, audited.route())
                .set(AUDIT_EVENTS.METHOD, audited.method())
                .set(AUDIT_EVENTS.STATUS, audited.status())
                .set(AUDIT_EVENTS.LATENCY_MS, (int) Math.min(Integer.MAX_VALUE, audited.latencyMs()))
                .set(AUDIT_EVENTS.REQUEST_ID, audited.requestId())
                .set(AUDIT_EVENTS.CLIENT_ADDRESS, audited.clientAddress())
                .onConflictDoNothing()
                .execute();
    }
}
