package com.memorylayer.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code memorylayer.ratelimit.refusals}: calls this gateway answered 429, by the {@code bucket} kind that refused
 * them ({@link RefusedBucket}); repeats refused from memory count too, since each was a call turned away.
 */
@Component
class RateLimitRefusalMeters {

    static final String REFUSALS = "memorylayer.ratelimit.refusals";

    private final Map<RefusedBucket, Counter> counters = new EnumMap<>(RefusedBucket.class);

    RateLimitRefusalMeters(MeterRegistry registry) {
        for (RefusedBucket bucket : RefusedBucket.values()) {
            counters.put(bucket, Counter.builder(REFUSALS).description("Calls refused by a rate limit")
                    .tag("bucket", bucket.tag()).register(registry));
        }
    }

    void refused(RefusedBucket bucket) {
        counters.get(bucket).increment();
    }
}
