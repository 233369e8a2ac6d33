package com.memorylayer.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per minute per client bucket. Environment: {@code MEMORYLAYER_RATE_LIMIT_API_PER_MINUTE},
 * {@code MEMORYLAYER_RATE_LIMIT_AUTH_PER_MINUTE}, {@code MEMORYLAYER_RATE_LIMIT_WORKSPACE_PER_MINUTE}. A changed
 * value applies to every client at its next call.
 *
 * @param apiPerMinute       the API's limit (240): a bucket per key, else per signed-in person, else per client
 *                           address
 * @param authPerMinute      the sign-in routes' limit (12), per client address
 * @param workspacePerMinute what all of one workspace's keys may call together (600), so that minting keys buys a
 *                           tenant no more of the shared capacity
 * @param ownerPerMinute     what all the workspaces of one owner may call together (600): a person with many
 *                           workspaces is one tenant
 * @param workspaceCreatesPerHour workspaces one person may create in an hour (10): each is a Postgres schema, and
 *                           creating and deleting them in a loop would churn the catalog
 * @param repeatRefusalDelay how late a refusal is answered to a key that was refused a moment ago and did not wait
 *                           (1 s; 0 answers at once)
 * @param enabled            off only for benchmarks that measure something else
 */
@ConfigurationProperties("memorylayer.rate-limit")
public record RateLimitProperties(long apiPerMinute, long authPerMinute, @DefaultValue("600") long workspacePerMinute,
        @DefaultValue("600") long ownerPerMinute, @DefaultValue("10") long workspaceCreatesPerHour,
        @DefaultValue("1s") Duration repeatRefusalDelay, boolean enabled) {

    public RateLimitProperties {
        if (apiPerMinute < 1 || authPerMinute < 1 || workspacePerMinute < 1 || ownerPerMinute < 1 || workspaceCreatesPerHour < 1) {
            throw new IllegalArgumentException("rate limits must be positive, were api=" + apiPerMinute + " auth="
                    + authPerMinute + " workspace=" + workspacePerMinute);
        }
    }
}
