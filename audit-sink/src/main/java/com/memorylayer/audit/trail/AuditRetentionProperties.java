package com.memorylayer.audit.trail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit rows the sink writes are kept.
 *
 * @param rowAge        rows of {@code audit_events} and {@code anonymous_refusals} older than this are deleted; the
 *                      default matches the audit topic's retention, so a replay rebuilds what the job keeps
 * @param checkInterval how often old rows are looked for
 * @param batch         rows deleted per statement, so one run never holds a long lock
 */
@ConfigurationProperties("memorylayer.audit-sink.retention")
public record AuditRetentionProperties(@DefaultValue("365d") Duration rowAge, @DefaultValue("1h") Duration checkInterval,
        @DefaultValue("10000") int batch) {

    public AuditRetentionProperties {
        if (rowAge.isNegative() || rowAge.isZero() || batch < 1) {
            throw new IllegalArgumentException("memorylayer.audit-sink.retention.row-age and batch must be positive");
        }
    }
}
