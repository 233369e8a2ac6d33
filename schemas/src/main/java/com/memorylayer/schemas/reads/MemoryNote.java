package com.memorylayer.schemas.reads;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A note someone added to a memory; {@code keyId} or {@code userId} says who. */
public record MemoryNote(UUID id, String note, UUID keyId, UUID userId, OffsetDateTime createdAt) {
}
