package com.memorylayer.query.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxWarm the most workspace runtimes kept in memory at once (16); the least recently used goes first
 * @param idleTtl a runtime unused this long (1800 s) is dropped; the next recall rebuilds it from Postgres
 */
@ConfigurationProperties("memorylayer.runtime")
public record RuntimeProperties(int maxWarm, Duration idleTtl) {

    public RuntimeProperties {
        if (maxWarm < 1) {
            throw new IllegalArgumentException("memorylayer.runtime.max-warm must be at least 1, was " + maxWarm);
        }
        if (idleTtl == null || idleTtl.isNegative() || idleTtl.isZero()) {
            throw new IllegalArgumentException("memorylayer.runtime.idle-ttl must be positive, was " + idleTtl);
        }
    }
}
