package com.memorylayer.schemas.memory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a memory says, orthogonal to its layer: a {@code fact}, a {@code procedure}, or a {@code narrative} of
 * something that happened (the default). Recall's {@code mode} picks by it.
 */
public enum MemoryType {
    FACT, PROCEDURE, NARRATIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is none of these */
    @JsonCreator
    public static MemoryType of(String wire) {
        return fromWire(wire).orElseThrow(() -> new IllegalArgumentException("not a memory type: " + wire));
    }

    public static Optional<MemoryType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }

    /** Recall's {@code mode}: which types it returns. */
    public static Optional<Set<MemoryType>> forMode(String mode) {
        return switch (mode) {
            case "facts_only" -> Optional.of(EnumSet.of(FACT));
            case "facts_plus_rules" -> Optional.of(EnumSet.of(FACT, PROCEDURE));
            case "full_context" -> Optional.of(EnumSet.allOf(MemoryType.class));
            default -> Optional.empty();
        };
    }
}
