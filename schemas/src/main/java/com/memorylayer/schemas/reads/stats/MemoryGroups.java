package com.memorylayer.schemas.reads.stats;

import java.util.Map;

/**
 * Memories counted by one of layer, memory_type, status, source or month, most first.
 *
 * @param counts value: count; a memory without the value counts as {@code none}
 */
public record MemoryGroups(String groupBy, Map<String, Integer> counts) {
}
