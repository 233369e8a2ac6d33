package com.memorylayer.schemas.reads.stats;

/** @param memories the workspace's memories not forgotten (erased ones are gone altogether) */
public record MemoryTotal(int memories) {
}
