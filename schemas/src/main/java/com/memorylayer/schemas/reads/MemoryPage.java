package com.memorylayer.schemas.reads;

import java.util.List;

/** A page of memories, newest first; {@code nextCursor} (opaque) asks for the next one, null on the last page. */
public record MemoryPage(List<MemoryView> memories, String nextCursor) {
}
