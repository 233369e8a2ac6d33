package com.memorylayer.schemas.reads.graph;

import java.util.List;
import java.util.UUID;

/**
 * The entities a memory mentions, most mentioned (in the workspace) first, each without its relations: what the
 * dashboard's memory page lists and its entity graph is drawn around.
 */
public record MemoryEntities(UUID memoryId, List<EntityView> entities) {
}
