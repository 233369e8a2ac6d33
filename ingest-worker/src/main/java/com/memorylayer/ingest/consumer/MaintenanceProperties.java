package com.memorylayer.ingest.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bounds of one workspace-wide maintenance pass (dedupe, consolidate, batch and bulk forget, entity alias and
 * merge) on the worker's maintenance consumer.
 *
 * @param maxRows             the most memories one step of a pass reads or changes (a batch, each consolidation
 *                            rule); the rest is left for another pass, and the result says how many
 * @param rowsPerTransaction  memories (or merges) written in one transaction: the longest the workspace's own
 *                            interactive commands wait for its write lock
 * @param maxComparedMemories the most memories a dedupe pass compares, each with each (the most recent): at most
 *                            n(n-1)/2 pairs, whatever the threshold; the smaller of this and
 *                            {@code memorylayer.curation.dedupe-scan-limit}
 * @param maxDuration         how long a pass writes before it stops between two transactions, keeps what it did and
 *                            answers {@code complete: false}
 * @param statementTimeout    Postgres' {@code statement_timeout} for each statement of a pass; a read that exceeds it
 *                            ends the pass as {@code rejected:statement_timeout}
 * @param maxPollInterval     the maintenance consumer's {@code max.poll.interval.ms}: longer than a pass may take
 */
@ConfigurationProperties("memorylayer.ingest.maintenance")
public record MaintenanceProperties(int maxRows, int rowsPerTransaction, int maxComparedMemories, Duration maxDuration,
        Duration statementTimeout, Duration maxPollInterval) {

    public MaintenanceProperties {
        if (maxRows <= 0 || rowsPerTransaction <= 0 || maxComparedMemories <= 0) {
            throw new IllegalArgumentException("memorylayer.ingest.maintenance.max-rows, rows-per-transaction and"
                    + " max-compared-memories must be positive, were " + maxRows + ", " + rowsPerTransaction + ", "
                    + maxComparedMemories);
        }
        maxDuration = maxDuration == null ? Duration.ofMinutes(2) : maxDuration;
        statementTimeout = statementTimeout == null ? Duration.ofSeconds(30) : statementTimeout;
        maxPollInterval = maxPollInterval == null ? Duration.ofMinutes(15) : maxPollInterval;
        if (maxPollInterval.compareTo(maxDuration.plus(statementTimeout.multipliedBy(4))) <= 0) {
            throw new IllegalArgumentException("memorylayer.ingest.maintenance.max-poll-interval (" + maxPollInterval
                    + ") must exceed max-duration plus a few statement timeouts, or the broker takes the partition"
                    + " from a pass still running");
        }
    }
}
