package com.memorylayer.gateway.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Buckets this gateway saw empty, until they refill. Another instance can only take more from a shared bucket, never
 * put tokens back, so a refusal stays right until the refill time; remembering it spares Postgres (and the caller's
 * key lookup) the work of every further call a flooding client makes in the meantime.
 */
@Component
class RefusalMemo {

    /** Refusals remembered at most; past it the oldest knowledge is simply dropped (the buckets still hold). */
    static final int MAX_ENTRIES = 100_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** A remembered refusal: until when, the limit that refused, and which kind of limit it was. */
    private record Refusal(long untilNanos, long limit, RefusedBucket bucket) {
    }

    /** What a remembered refusal answers. */
    record Refused(RateLimitDecision decision, RefusedBucket bucket) {
    }

    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();
    private final Clock clock;

    RefusalMemo(Clock clock) {
        this.clock = clock;
    }

    void remember(String id, long nanosToRefill, long limit, RefusedBucket bucket) {
        if (refused.size() >= MAX_ENTRIES) {
            forgetExpired();
            if (refused.size() >= MAX_ENTRIES) {
                return;
            }
        }
        refused.put(id, new Refusal(now() + nanosToRefill, limit, bucket));
    }

    /** The refusal remembered under {@code id} while its bucket is still empty, else null (ask the bucket). */
    Refused refusalOf(String id) {
        Refusal refusal = refused.get(id);
        if (refusal == null) {
            return null;
        }
        long left = refusal.untilNanos() - now();
        if (left <= 0) {
            refused.remove(id, refusal);
            return null;
        }
        long seconds = Math.max(1, (left + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        return new Refused(new RateLimitDecision(false, refusal.limit(), 0, seconds, seconds), refusal.bucket());
    }

    void forgetExpired() {
        long now = now();
        refused.values().removeIf(r -> r.untilNanos() - now <= 0);
    }

    private long now() {
        var instant = clock.instant();
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }
}
