package com.memorylayer.query.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Counting the memories recalls return.
 *
 * @param accessFlushInterval how often the counts gathered are sent to the ingest worker (1 s)
 * @param accessRecording     {@code enabled: false} counts nothing and sends nothing
 */
@ConfigurationProperties("memorylayer.recall")
public record AccessProperties(Duration accessFlushInterval, AccessRecording accessRecording) {

    public static final AccessProperties DEFAULTS = new AccessProperties(null, null);

    /** @param enabled true unless set false */
    public record AccessRecording(Boolean enabled) {

        public AccessRecording {
            enabled = enabled == null || enabled;
        }
    }

    public AccessProperties {
        accessFlushInterval = accessFlushInterval == null ? Duration.ofSeconds(1) : accessFlushInterval;
        accessRecording = accessRecording == null ? new AccessRecording(true) : accessRecording;
        if (accessFlushInterval.isNegative() || accessFlushInterval.isZero()) {
            throw new IllegalArgumentException("memorylayer.recall.access-flush-interval must be positive, was " + accessFlushInterval);
        }
    }

    public boolean enabled() {
        return accessRecording.enabled();
    }
}
