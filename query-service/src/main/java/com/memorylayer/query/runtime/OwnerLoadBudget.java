package com.memorylayer.query.runtime;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * How many cold runtimes an owner already at its warm share may load in a minute. Loading a runtime reads every
 * memory of the workspace and builds its indexes: far dearer than a recall on a warm one. An owner cycling more
 * workspaces than its share would otherwise load one on nearly every call, and the rate limits, which count calls,
 * would let it spend the cores everyone shares. Loads within the owner's share are free; past the budget a recall
 * answers 503 with Retry-After. A token bucket per owner: at most the minute's budget at once, refilled evenly.
 */
final class OwnerLoadBudget {

    private static final double NANOS_PER_MINUTE = 60e9;
    /** Past this many owners remembered, the ones whose bucket has refilled are forgotten. */
    private static final int PRUNE_ABOVE = 1024;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<UUID, Bucket> buckets = new HashMap<>();

    /** @param perMinute loads a minute past the warm share; 0 = no budget */
    OwnerLoadBudget(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    /** Spends one load of the owner's budget, or refuses with 503 {@code workspace_loads_busy}. */
    synchronized void spend(UUID owner) {
        if (perMinute == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> refilled(b, now) >= perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(owner, o -> new Bucket(perMinute, now));
        bucket.tokens = refilled(bucket, now);
        bucket.refilledAt = now;
        if (bucket.tokens < 1) {
            long retryAfter = (long) Math.ceil((1 - bucket.tokens) * 60.0 / perMinute);
            throw new ApiException(ErrorCode.WORKSPACE_LOADS_BUSY, "this workspace's owner has loaded " + perMinute
                    + " cold workspaces in the last minute beyond its share of warm ones, as many as one tenant may; "
                    + "retry shortly").retryAfter(Math.max(1, retryAfter));
        }
        bucket.tokens--;
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(perMinute, bucket.tokens + (now - bucket.refilledAt) * perMinute / NANOS_PER_MINUTE);
    }
}
