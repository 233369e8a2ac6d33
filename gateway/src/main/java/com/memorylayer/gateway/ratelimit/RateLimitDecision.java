package com.memorylayer.gateway.ratelimit;

/**
 * The outcome of taking one token from a bucket, with what the {@code X-RateLimit-*} headers report.
 *
 * @param limit             the limit of the bucket that decided, which is the one a refusal names
 * @param resetSeconds      seconds until the bucket is full again
 * @param retryAfterSeconds for a refusal, seconds until a token is back
 */
record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** Of two buckets a call took from, the one that decides: a refusal, else the one with less left. */
    RateLimitDecision tighter(RateLimitDecision other) {
        if (allowed != other.allowed) {
            return allowed ? other : this;
        }
        return other.remaining < remaining ? other : this;
    }
}
