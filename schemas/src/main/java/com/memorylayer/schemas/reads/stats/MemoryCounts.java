package com.memorylayer.schemas.reads.stats;

import java.util.Map;

/** Memories in total and counted by layer, type, status, source kind ({@code ingest}, not one per run) and month, most first. */
public record MemoryCounts(int total, Map<String, Integer> byLayer, Map<String, Integer> byType, Map<String, Integer> byStatus,
        Map<String, Integer> bySource, Map<String, Integer> byMonth) {
}
