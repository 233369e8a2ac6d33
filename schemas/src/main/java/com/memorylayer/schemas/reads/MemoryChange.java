package com.memorylayer.schemas.reads;

import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One entry of a memory's history: what changed, from which status to which, by whom, by which command. */
public record MemoryChange(String change, String oldStatus, String newStatus, String reason, String oldContent,
        JsonNode details, UUID keyId, UUID userId, UUID commandId, OffsetDateTime changedAt) {
}
