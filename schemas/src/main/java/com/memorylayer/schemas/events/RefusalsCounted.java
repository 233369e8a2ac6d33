package com.memorylayer.schemas.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Refusals of calls that named no workspace and no person (made-up keys, oversized or rate-limited anonymous
 * calls), counted per client address, status and minute by one gateway instance. One event replaces what would
 * be one audit event per refused call: nobody can read those rows but an operator, and a flood of them would be
 * kept for a year.
 *
 * @param windowStart the minute the refusals fell in
 * @param refusals    how many calls were refused with {@code status} in that minute
 */
public record RefusalsCounted(String clientAddress, int status, Instant windowStart, long refusals) implements AuditEvent {

    public static final String TYPE = "memorylayer.audit.refusals";
    public static final int VERSION = 1;

    public RefusalsCounted {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(windowStart, "windowStart");
        if (status < 400 || status > 599 || refusals < 1) {
            throw new IllegalArgumentException("a refusal count needs an error status and at least one refusal");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
