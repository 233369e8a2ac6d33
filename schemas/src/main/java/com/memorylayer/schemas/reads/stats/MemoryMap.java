package com.memorylayer.schemas.reads.stats;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The engine's memory map: the workspace's status, plus per layer its live memories, their five most-named
 * entities and their oldest and newest; and the last hour's writes and recalls.
 */
public record MemoryMap(MemoryCounts memories, int entities, int relations, long bytes, Map<String, Layer> layers, LastHour lastHour) {

    public record Layer(int memories, List<Named> topEntities, OffsetDateTime oldest, OffsetDateTime newest) {
    }

    public record Named(String name, int mentions) {
    }

    public record LastHour(int written, int recalled) {
    }
}
