package com.memorylayer.schemas.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Set what people know about an entity of the graph: names it also goes by (aliases; memories naming an alias are
 * then counted for this entity), aliases it does not, and its type (kept over the extractor's).
 */
public record UpdateEntity(UUID entityId, List<String> addAliases, List<String> removeAliases, String entityType,
        UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.entity.update";
    public static final int VERSION = 1;

    public UpdateEntity {
        Objects.requireNonNull(entityId, "entityId");
        addAliases = addAliases == null ? List.of() : List.copyOf(addAliases);
        removeAliases = removeAliases == null ? List.of() : List.copyOf(removeAliases);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
