package com.memorylayer.ingest.bulk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the worker takes bulk requests.
 *
 * @param chunkItems items embedded in one inference call and written in one transaction per workspace: large
 *                   enough to amortise a call and a commit, small enough that a crash redoes little and that
 *                   interactive commands, embedded on their own consumer thread, wait briefly for the cores
 * @param requestsPerPoll bulk records (requests of up to 1,000 items) one poll takes (the consumer's
 *                   {@code max.poll.records}, read by the listener)
 * @param maxPollInterval how long applying one poll may take before the broker gives its partitions away (the
 *                   consumer's {@code max.poll.interval.ms}, read by the listener)
 */
@ConfigurationProperties("memorylayer.ingest.bulk")
public record BulkProperties(int chunkItems, int requestsPerPoll, Duration maxPollInterval) {

    public BulkProperties {
        if (chunkItems <= 0 || requestsPerPoll <= 0) {
            throw new IllegalArgumentException("memorylayer.ingest.bulk.chunk-items and requests-per-poll must be positive");
        }
        maxPollInterval = maxPollInterval == null ? Duration.ofMinutes(15) : maxPollInterval;
    }
}
