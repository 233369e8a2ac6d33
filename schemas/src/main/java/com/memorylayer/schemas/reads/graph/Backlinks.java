package com.memorylayer.schemas.reads.graph;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Other memories that share an entity with a memory or are linked to it, best first. */
public record Backlinks(UUID memoryId, List<Backlink> backlinks) {

    /**
     * @param viaEntities the entities both name, most mentioned first
     * @param link        the explicit link between the two, or null
     */
    public record Backlink(UUID id, String content, OffsetDateTime createdAt, String status, double importance,
            List<String> viaEntities, Link link) {
    }

    /** @param direction {@code out} when the link goes from the memory asked about */
    public record Link(String relation, String direction) {
    }
}
