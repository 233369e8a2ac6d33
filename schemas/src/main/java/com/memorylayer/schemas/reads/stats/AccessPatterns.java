package com.memorylayer.schemas.reads.stats;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The most recalled memories, most first. */
public record AccessPatterns(List<Accessed> memories) {

    /** @param content its first 200 characters */
    public record Accessed(UUID id, String content, long accessCount, OffsetDateTime lastAccessedAt, String layer, String status) {
    }
}
