package com.memorylayer.schemas.reads.stats;

import java.util.List;

/** The most-named entities, as the engine's count_by entity. */
public record TopEntities(List<Entity> entities) {

    public record Entity(String name, String type, int mentions) {
    }
}
