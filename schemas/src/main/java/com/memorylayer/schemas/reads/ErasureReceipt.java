package com.memorylayer.schemas.reads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The receipt of an erased memory: when, why, by which command, which stores were cleared, and until when the
 * command log's topics that carried its content ({@code contentTopics}) may still hold it.
 */
public record ErasureReceipt(UUID memoryId, OffsetDateTime erasedAt, String reason, UUID commandId, List<String> cleared,
        OffsetDateTime commandLogUntil, List<String> contentTopics, String commandLog) {
}
