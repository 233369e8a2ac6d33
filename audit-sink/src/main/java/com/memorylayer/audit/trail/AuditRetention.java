package com.memorylayer.audit.trail;

import static com.memorylayer.schemas.jooq.control.Tables.ANONYMOUS_REFUSALS;
import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes audit rows past their age, in small batches. Without it {@code audit_events} grows for as long as the
 * service runs, while the topic it is rebuilt from keeps only its retention.
 */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final DSLContext dsl;
    private final AuditRetentionProperties properties;
    private final Clock clock;

    @Autowired
    public AuditRetention(DSLContext dsl, AuditRetentionProperties properties) {
        this(dsl, properties, Clock.systemUTC());
    }

    public AuditRetention(DSLContext dsl, AuditRetentionProperties properties, Clock clock) {
        this.dsl = dsl;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${memorylayer.audit-sink.retention.check-interval:1h}", initialDelayString = "${memorylayer.audit-sink.retention.check-interval:1h}")
    void scheduled() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            log.warn("audit retention could not run, will try again: {}", e.toString());
        }
    }

    /** @return rows deleted */
    public long deleteExpired() {
        OffsetDateTime horizon = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(properties.rowAge());
        long deleted = 0;
        int batch;
        do {
            batch = dsl.deleteFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.EVENT_ID.in(
                    dsl.select(AUDIT_EVENTS.EVENT_ID).from(AUDIT_EVENTS).where(AUDIT_EVENTS.OCCURRED_AT.lt(horizon))
                            .limit(properties.batch()))).execute();
            deleted += batch;
        } while (batch == properties.batch());
        do {
            batch = dsl.deleteFrom(ANONYMOUS_REFUSALS).where(ANONYMOUS_REFUSALS.EVENT_ID.in(
                    dsl.select(ANONYMOUS_REFUSALS.EVENT_ID).from(ANONYMOUS_REFUSALS)
                            .where(ANONYMOUS_REFUSALS.WINDOW_START.lt(horizon)).limit(properties.batch()))).execute();
            deleted += batch;
        } while (batch == properties.batch());
        if (deleted > 0) {
            log.info("audit retention deleted {} rows older than {}", deleted, properties.rowAge());
        }
        return deleted;
    }
}
