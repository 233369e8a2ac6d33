package com.memorylayer.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Client buckets kept in Postgres through bucket4j, so every gateway instance takes from the same bucket and a
 * limit holds however many instances run. Each bucket holds a minute's allowance and is refilled whole once a
 * minute after its first use: a client gets exactly its limit in any such minute, never a token more.
 *
 * <p>The shared buckets (a workspace's, an owner's) are also smoothed: besides the minute's allowance, at most a
 * sixth of it (60 at least) may go in any ten seconds, refilled continuously, so a tenant's calls arrive at about
 * its minute's rate instead of in one burst that takes the machine from everyone else (bench tenant-flood).
 *
 * <p>A refusal is remembered here until the bucket refills ({@link RefusalMemo}): a flood of calls on an empty
 * bucket is then refused without a round trip to Postgres each.
 *
 * <p>A bucket's id carries the limit it was made with, so a changed setting applies at each client's next call:
 * that call finds no bucket of the new limit and starts one, and the old row expires on its own once refilled.
 * (Bucket4j's stored configuration would otherwise win over the setting for as long as the row lives.)
 */
@Component
class RateLimitBuckets {

    private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration api;
    private final BucketConfiguration auth;
    private final BucketConfiguration workspace;
    private final BucketConfiguration owner;
    private final BucketConfiguration creates;
    private final RefusalMemo refusals;

    RateLimitBuckets(DataSource dataSource, RateLimitProperties properties, Clock clock, RefusalMemo refusals) {
        this.refusals = refusals;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                // Refill is reckoned on this clock rather than straight on the JVM's, so a test can move a minute on.
                .clientClock(new ClockTime(clock))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("control.rate_limit_buckets")
                .idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // A full bucket is the same as no bucket: its row may go once it has refilled.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.api = perMinute(properties.apiPerMinute());
        this.auth = perMinute(properties.authPerMinute());
        this.workspace = smoothedPerMinute(properties.workspacePerMinute());
        this.owner = smoothedPerMinute(properties.ownerPerMinute());
        this.creates = BucketConfiguration.builder().addLimit(limit -> limit.capacity(properties.workspaceCreatesPerHour())
                .refillIntervally(properties.workspaceCreatesPerHour(), Duration.ofHours(1))).build();
    }

    /** A key's, a person's or an address's allowance of API calls. */
    RateLimitDecision takeApi(String client) {
        return take("api", client, api);
    }

    /** An address's allowance of sign-in calls. */
    RateLimitDecision takeAuth(String client) {
        return take("auth", client, auth);
    }

    /** The allowance all of one workspace's keys share, however many keys it has. */
    RateLimitDecision takeWorkspace(UUID workspaceId) {
        return take("workspace", workspaceId.toString(), workspace);
    }

    /** The allowance all the workspaces of one owner share (a person's, or an unowned workspace's own). */
    RateLimitDecision takeOwner(UUID ownerId) {
        return take("owner", ownerId.toString(), owner);
    }

    /** A person's allowance of workspace creations, by the hour. */
    RateLimitDecision takeWorkspaceCreation(UUID person) {
        return take("creates", person.toString(), creates);
    }

    private RateLimitDecision take(String kind, String client, BucketConfiguration configuration) {
        long limit = configuration.getBandwidths()[0].getCapacity();
        String id = kind + ":" + limit + ":" + client;
        RefusalMemo.Refused remembered = refusals.refusalOf(id);
        if (remembered != null) {
            return remembered.decision();
        }
        ConsumptionProbe probe = buckets.builder().build(id, () -> configuration).tryConsumeAndReturnRemaining(1);
        RateLimitDecision decision = new RateLimitDecision(probe.isConsumed(), limit, probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForReset()), Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
        if (!decision.allowed()) {
            refusals.remember(id, probe.getNanosToWaitForRefill(), limit, null);
        }
        return decision;
    }

    /** Drops the rows of buckets that have refilled, so the table holds only clients seen in the last minute. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void removeRefilled() {
        try {
            int removed;
            do {
                removed = buckets.removeExpired(1000);
            } while (removed == 1000);
            refusals.forgetExpired();
        } catch (RuntimeException e) {
            log.warn("could not remove refilled rate-limit buckets: {}", e.toString());
        }
    }

    /** The minute's allowance, and at most a sixth of it (60 at least) in any ten seconds, refilled smoothly. */
    private static BucketConfiguration smoothedPerMinute(long tokens) {
        long burst = Math.max(tokens / 6, Math.min(tokens, 60));
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(tokens).refillIntervally(tokens, WINDOW))
                .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, Duration.ofSeconds(10)))
                .build();
    }

    private static BucketConfiguration perMinute(long tokens) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(tokens).refillIntervally(tokens, WINDOW))
                .build();
    }

    /** Bucket4j's view of a {@link Clock}: wall-clock nanoseconds, the same on every gateway instance. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
