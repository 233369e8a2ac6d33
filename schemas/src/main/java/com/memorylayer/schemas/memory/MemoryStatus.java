package com.memorylayer.schemas.memory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a memory stands. Unlike the engine this follows (where invalidating leaves the status as it was and a
 * merge is a silent soft delete), every one of these is a real state with checked ways in and out, and every
 * change is kept in the memory's history.
 */
public enum MemoryStatus {
    ACTIVE, CHALLENGED, INVALIDATED, SUPERSEDED, MERGED, FORGOTTEN;

    /** What recall returns unless a request asks for other statuses. */
    public static final Set<MemoryStatus> RECALLED_BY_DEFAULT = EnumSet.of(ACTIVE, CHALLENGED);

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is none of these */
    @JsonCreator
    public static MemoryStatus of(String wire) {
        return fromWire(wire).orElseThrow(() -> new IllegalArgumentException("not a memory status: " + wire));
    }

    public static Optional<MemoryStatus> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    /**
     * The statuses a change may lead to from this one. Nothing leaves {@code forgotten} but a restore, which
     * returns the memory to the status it had before; everything else may be forgotten.
     */
    public Set<MemoryStatus> next() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(CHALLENGED, INVALIDATED, SUPERSEDED, MERGED, FORGOTTEN);
            case CHALLENGED -> EnumSet.of(ACTIVE, INVALIDATED, SUPERSEDED, MERGED, FORGOTTEN);
            case INVALIDATED -> EnumSet.of(ACTIVE, CHALLENGED, FORGOTTEN);
            case SUPERSEDED, MERGED -> EnumSet.of(ACTIVE, FORGOTTEN);
            case FORGOTTEN -> EnumSet.noneOf(MemoryStatus.class);
        };
    }

    public boolean mayBecome(MemoryStatus other) {
        return next().contains(other);
    }

    /** Active or challenged: what another memory may be merged into or superseded by. */
    public boolean isLive() {
        return RECALLED_BY_DEFAULT.contains(this);
    }
}
