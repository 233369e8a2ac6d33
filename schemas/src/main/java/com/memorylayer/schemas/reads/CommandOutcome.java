package com.memorylayer.schemas.reads;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a write came to, by its command id: {@code applied} with the worker's outcome ({@code stored},
 * {@code merged:<id>}, {@code rejected:<reason>} ...), the memory it concerns and, for the many-memory commands, its
 * result; or {@code pending}, with how far a maintenance command got when it says so.
 */
public record CommandOutcome(UUID commandId, String status, String outcome, UUID memoryId, JsonNode result,
        @JsonInclude(JsonInclude.Include.NON_NULL) Progress progress) {

    public static final String APPLIED = "applied";
    public static final String PENDING = "pending";

    @JsonIgnore
    public boolean applied() {
        return APPLIED.equals(status);
    }

    /**
     * How far a workspace-wide maintenance command got while not yet applied: {@code state} ({@code queued},
     * {@code running} or {@code done}), the {@code step} it is in, {@code done} of {@code total} (null while unknown).
     */
    public record Progress(String state, String step, Long done, Long total, OffsetDateTime queuedAt, OffsetDateTime updatedAt) {
    }
}
