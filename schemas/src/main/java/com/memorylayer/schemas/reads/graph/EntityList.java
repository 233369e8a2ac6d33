package com.memorylayer.schemas.reads.graph;

import java.util.List;

/** Entities of a search, most mentioned first; each without its relations. */
public record EntityList(List<EntityView> entities) {
}
