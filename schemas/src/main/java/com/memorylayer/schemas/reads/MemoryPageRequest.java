package com.memorylayer.schemas.reads;

import com.memorylayer.schemas.memory.MemorySelection;

/**
 * Which page of which memories the gateway asks for: {@code order} {@code newest} pages by creation time with the
 * previous page's {@code cursor}; {@code important} answers the single page of the most important ones (the
 * engine's recall_by_type and recall_layer), where a cursor is refused.
 */
public record MemoryPageRequest(MemorySelection selection, int limit, String cursor, Order order) {

    public enum Order { NEWEST, IMPORTANT }
}
