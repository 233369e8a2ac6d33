package com.memorylayer.gateway.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The key rows {@link ApiKeyAuthenticator} reads, by prefix, kept between calls: without them every workspace call
 * waited on one Postgres round trip for its key before anything else. The secret is still checked on every call;
 * only the row is reused.
 *
 * <p>A kept row is right only while nothing changed it, so the cache serves only while {@link KeyChangeListener}
 * listens for Postgres' notices of key and workspace changes (a trigger sends one in the committing transaction of
 * any change that could refuse a key); each notice empties it. While the listener has no connection the cache is
 * bypassed, and every call reads Postgres as before.
 */
@Component
public class CachedKeyRows {

    private final boolean enabled;
    private final Cache<String, KeyRow> rows;
    /** Moves on every emptying: a row read before a change must not be kept after it. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    public CachedKeyRows(KeyCacheProperties properties) {
        this.enabled = properties.enabled();
        this.rows = Caffeine.newBuilder().maximumSize(properties.maxEntries()).expireAfterWrite(properties.ttl()).build();
    }

    /** The row for {@code prefix}: kept, or read with {@code read} (and kept, unless a change came in meanwhile). */
    Optional<KeyRow> find(String prefix, Function<String, Optional<KeyRow>> read) {
        if (!serving()) {
            return read.apply(prefix);
        }
        KeyRow kept = rows.getIfPresent(prefix);
        if (kept != null) {
            return Optional.of(kept);
        }
        long before = generation.get();
        Optional<KeyRow> row = read.apply(prefix);
        if (row.isPresent() && generation.get() == before) {
            rows.put(prefix, row.get());
            // An emptying between the check and the put: its count moved before it emptied, so this sees it.
            if (generation.get() != before) {
                rows.invalidate(prefix);
            }
        }
        return row;
    }

    /** After {@code last_used_at} was written, so the next calls do not write it again. */
    void used(String prefix, KeyRow row) {
        rows.asMap().computeIfPresent(prefix, (p, kept) -> kept.keyId().equals(row.keyId()) ? row : kept);
    }

    /** A key or workspace changed: nothing kept may be used again. */
    public void forgetAll() {
        generation.incrementAndGet();
        rows.invalidateAll();
    }

    /**
     * Whether changes are being heard; the cache serves only while they are. Emptied after the switch: a row read
     * while the last connection was still thought alive is not kept (its read sees the count move).
     */
    void listening(boolean listening) {
        this.listening = listening;
        forgetAll();
    }

    /** Whether kept rows are being used: the cache is enabled and the listener hears changes. */
    public boolean serving() {
        return enabled && listening;
    }

    boolean enabled() {
        return enabled;
    }

    long size() {
        return rows.estimatedSize();
    }
}
