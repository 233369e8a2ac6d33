package com.memorylayer.schemas.memory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a memory is held: {@code working} for the moment, {@code episodic} for what happened (the default),
 * {@code semantic} for what is known, {@code procedural} for how to do things. Consolidation moves working memories
 * to episodic and much-recalled important episodic ones to semantic.
 */
public enum MemoryLayer {
    WORKING, EPISODIC, SEMANTIC, PROCEDURAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is none of these */
    @JsonCreator
    public static MemoryLayer of(String wire) {
        return fromWire(wire).orElseThrow(() -> new IllegalArgumentException("not a memory layer: " + wire));
    }

    public static Optional<MemoryLayer> fromWire(String wire) {
        return Arrays.stream(values()).filter(l -> l.wire().equals(wire)).findFirst();
    }
}
