package com.memorylayer.query.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param maxWarm the most workspace runtimes kept in memory at once (16); the least recently used goes first
 * @param idleTtl a runtime unused this long (1800 s) is dropped; the next recall rebuilds it from Postgres
 * @param maxWarmPerOwner the most of them one owner's workspaces may hold (4): past it, a cold workspace of that owner
 *                takes the slot of the owner's own least recently used one, so one person with many workspaces
 *                cannot cycle every other tenant's runtime out
 */
@ConfigurationProperties("memorylayer.runtime")
public record RuntimeProperties(int maxWarm, Duration idleTtl, int maxWarmPerOwner) {

    public static final int DEFAULT_MAX_WARM_PER_OWNER = 4;

    /** With the shipped per-owner limit. */
    public RuntimeProperties(int maxWarm, Duration idleTtl) {
        this(maxWarm, idleTtl, DEFAULT_MAX_WARM_PER_OWNER);
    }

    @ConstructorBinding
    public RuntimeProperties {
        maxWarmPerOwner = maxWarmPerOwner == 0 ? DEFAULT_MAX_WARM_PER_OWNER : maxWarmPerOwner;
        if (maxWarmPerOwner < 1) {
            throw new IllegalArgumentException("memorylayer.runtime.max-warm-per-owner must be at least 1, was " + maxWarmPerOwner);
        }
        if (maxWarm < 1) {
            throw new IllegalArgumentException("memorylayer.runtime.max-warm must be at least 1, was " + maxWarm);
        }
        if (idleTtl == null || idleTtl.isNegative() || idleTtl.isZero()) {
            throw new IllegalArgumentException("memorylayer.runtime.idle-ttl must be positive, was " + idleTtl);
        }
    }
}
