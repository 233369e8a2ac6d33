package com.memorylayer.schemas.reads.stats;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What was written or recalled in the last {@code hours}: counts by layer, type and source, the most-named entities,
 * the hottest memories (importance × 2 + recalls × 0.15 + how late in the window they were touched, 0 to 1) and
 * hourly write counts.
 */
public record Hotspots(int hours, OffsetDateTime since, int memories, Map<String, Integer> byLayer, Map<String, Integer> byType,
        Map<String, Integer> bySource, List<HotEntity> entities, List<HotMemory> top, Map<String, Integer> writtenByHour) {

    /** @param memories how many of the window's memories name it */
    public record HotEntity(UUID id, String name, String type, int memories) {
    }

    /** @param content its first 200 characters */
    public record HotMemory(UUID id, String content, double importance, long accessCount, OffsetDateTime createdAt, double heat) {
    }
}
