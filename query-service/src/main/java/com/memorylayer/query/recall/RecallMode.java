package com.memorylayer.query.recall;

import com.memorylayer.schemas.memory.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A recall's {@code mode}: which memory types it may return, on top of (AND) any {@code filters.memory_type}.
 * {@code full_context} (the default) restricts nothing.
 */
enum RecallMode {
    FACTS_ONLY, FACTS_PLUS_RULES, FULL_CONTEXT;

    static final List<String> WIRE = Arrays.stream(values()).map(RecallMode::wire).toList();

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<RecallMode> fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(wire)).findFirst();
    }

    /** The memory types this mode returns. */
    Set<MemoryType> types() {
        return MemoryType.forMode(wire()).orElseThrow();
    }
}
