package com.memorylayer.schemas.reads;

import java.util.List;

/** A page of a memory's history, newest first; {@code nextCursor} asks for older entries, null on the last page. */
public record MemoryHistoryPage(List<MemoryChange> history, String nextCursor) {
}
