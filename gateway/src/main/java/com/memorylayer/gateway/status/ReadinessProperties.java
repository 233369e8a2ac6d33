package com.memorylayer.gateway.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code GET /v1/readiness}: how long each part may take to answer, and how long an answer is reused. The route is
 * public, so a burst of it must not become a burst of database, broker and query-service calls.
 *
 * @param checkTimeout each check's bound (1 s); a part slower than that is reported degraded
 * @param reuseFor     an answer serves every call within this long (2 s)
 */
@ConfigurationProperties("memorylayer.readiness")
public record ReadinessProperties(Duration checkTimeout, Duration reuseFor) {

    public ReadinessProperties {
        checkTimeout = checkTimeout == null ? Duration.ofSeconds(1) : checkTimeout;
        reuseFor = reuseFor == null ? Duration.ofSeconds(2) : reuseFor;
        if (checkTimeout.isNegative() || checkTimeout.isZero() || reuseFor.isNegative()) {
            throw new IllegalArgumentException("memorylayer.readiness.check-timeout must be positive and reuse-for not negative");
        }
    }
}
