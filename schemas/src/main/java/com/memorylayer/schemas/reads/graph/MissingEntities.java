package com.memorylayer.schemas.reads.graph;

import java.util.List;
import java.util.UUID;

/** Of the ids asked about, those that name no entity of the workspace. */
public record MissingEntities(List<UUID> missing) {
}
