package com.memorylayer.gateway.mcp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ?tools=} on the MCP endpoint chooses: the tools a client sees in {@code tools/list} and, as much, the
 * tools it may call. A profile is a bound, not a view: a client connected with {@code read} cannot call
 * {@code forget} by naming it, whatever the key's scopes would allow ({@code tool_not_in_profile}).
 */
enum ToolProfile {

    /** Every tool the catalogue holds (each still checks the key's scope). */
    ALL,
    /** The few a client with a tight context needs. */
    CORE,
    /** The read-only tools. */
    READ;

    /** {@code ?tools=core}'s tools (more join as their routes land). */
    static final Set<String> CORE_TOOLS = Set.of("remember", "recall", "recall_context", "get_memory", "edit_memory", "forget",
            "resume_context", "session_checkpoint", "search_entities", "status");

    static final List<String> WIRE = Arrays.stream(values()).map(ToolProfile::wire).toList();

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ToolProfile> fromWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(wire)).findFirst();
    }

    /** Whether a client of this profile may see and call {@code tool}. */
    boolean allows(String tool, boolean readOnly) {
        return switch (this) {
            case ALL -> true;
            case CORE -> CORE_TOOLS.contains(tool);
            case READ -> readOnly;
        };
    }
}
