package com.memorylayer.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests per minute per client bucket. Environment: {@code MEMORYLAYER_RATE_LIMIT_API_PER_MINUTE},
 * {@code MEMORYLAYER_RATE_LIMIT_AUTH_PER_MINUTE}.
 *
 * @param apiPerMinute  the API's limit (240): a bucket per key, else per signed-in person, else per client address
 * @param authPerMinute the sign-in routes' limit (12), per client address
 * @param enabled       off only for benchmarks that measure something else
 */
@ConfigurationProperties("memorylayer.rate-limit")
public record RateLimitProperties(long apiPerMinute, long authPerMinute, boolean enabled) {

    public RateLimitProperties {
        if (apiPerMinute < 1 || authPerMinute < 1) {
            throw new IllegalArgumentException("rate limits must be positive, were api=" + apiPerMinute + " auth=" + authPerMinute);
        }
    }
}
