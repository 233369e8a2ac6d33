package com.memorylayer.gateway.ratelimit;

/**
 * The outcome of taking one token from a bucket, with what the {@code X-RateLimit-*} headers report.
 *
 * @param resetSeconds      seconds until the bucket is full again
 * @param retryAfterSeconds for a refusal, seconds until a token is back
 */
record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
}
