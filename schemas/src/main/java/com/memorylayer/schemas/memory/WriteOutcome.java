package com.memorylayer.schemas.memory;

import java.util.Objects;
import java.util.UUID;

/**
 * What a write came to, as a client reads it: {@code stored} (a new memory), {@code updated} (an existing one
 * changed), {@code merged_into:<id>} (a duplicate another memory absorbed) or {@code rejected:<reason>} (nothing
 * changed, and why). Every write's outcome is recorded with the command, so none is ever dropped silently.
 */
public record WriteOutcome(String wire) {

    public static final WriteOutcome STORED = new WriteOutcome("stored");
    public static final WriteOutcome UPDATED = new WriteOutcome("updated");

    public WriteOutcome {
        Objects.requireNonNull(wire, "wire");
    }

    public static WriteOutcome mergedInto(UUID memoryId) {
        return new WriteOutcome("merged_into:" + memoryId);
    }

    /** @param reason a stable code such as {@code version_conflict} or {@code invalid_transition} */
    public static WriteOutcome rejected(String reason) {
        return new WriteOutcome("rejected:" + reason);
    }

    /** {@code stored}, {@code updated}, {@code merged_into} or {@code rejected}: the outcome without its id or reason. */
    public String kind() {
        int colon = wire.indexOf(':');
        return colon < 0 ? wire : wire.substring(0, colon);
    }

    public boolean isRejected() {
        return wire.startsWith("rejected:");
    }

    /** The absorbing memory of a {@code merged_into} outcome, or null. */
    public UUID mergedInto() {
        return wire.startsWith("merged_into:") ? UUID.fromString(wire.substring("merged_into:".length())) : null;
    }

    @Override
    public String toString() {
        return wire;
    }
}
