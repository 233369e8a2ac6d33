package com.memorylayer.gateway.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway keeps the key rows it authenticates with between calls ({@link CachedKeyRows}).
 *
 * @param enabled           false reads the key and its workspace from Postgres on every call, as before the cache
 * @param ttl               how long a row is kept at most (30 s): a backstop only, since every change that matters
 *                          empties the cache through a Postgres notice at once
 * @param maxEntries        keys kept at most (10,000); past that the least recently used go
 * @param reconnectInterval how soon the listener for those notices tries again after losing its connection (2 s);
 *                          until it listens again the cache is not used
 */
@ConfigurationProperties("memorylayer.keys.cache")
public record KeyCacheProperties(Boolean enabled, Duration ttl, Integer maxEntries, Duration reconnectInterval) {

    public KeyCacheProperties {
        enabled = enabled == null || enabled;
        ttl = ttl == null ? Duration.ofSeconds(30) : ttl;
        maxEntries = maxEntries == null ? 10_000 : maxEntries;
        reconnectInterval = reconnectInterval == null ? Duration.ofSeconds(2) : reconnectInterval;
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero() || reconnectInterval.isNegative() || reconnectInterval.isZero()) {
            throw new IllegalArgumentException("memorylayer.keys.cache: ttl and reconnect-interval must be positive, max-entries at least 1");
        }
    }
}
