package com.memorylayer.schemas.reads.graph;

import java.util.UUID;

/** The entity a name or alias names (as the engine looks names up), or whether an id is one; {@code id} null when none. */
public record EntityLookup(UUID id) {
}
