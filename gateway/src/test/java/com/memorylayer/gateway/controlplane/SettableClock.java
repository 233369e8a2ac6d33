package com.memorylayer.gateway.controlplane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it on, shared by every gateway a test starts. It starts a day ahead:
 * bucket4j's clean-up of refilled buckets compares the expiry written on this clock with the system's, and a
 * clock behind the system's would let the clean-up empty a bucket in the middle of a test.
 */
final class SettableClock extends Clock {

    private volatile Instant now = Instant.now().plus(Duration.ofDays(1));

    void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the gateway reads instants only");
    }
}
