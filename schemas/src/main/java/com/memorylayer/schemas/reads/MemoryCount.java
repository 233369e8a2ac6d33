package com.memorylayer.schemas.reads;

/** The answer to a {@link MemoryCountRequest}. */
public record MemoryCount(long count) {
}
