package com.memorylayer.schemas.reads;

import com.memorylayer.schemas.memory.MemorySelection;

/**
 * How many memories a selection names now; with {@code forgettable}, how many of them a bulk forget would forget
 * (never pinned ones, nor forgotten ones again).
 */
public record MemoryCountRequest(MemorySelection selection, boolean forgettable) {
}
