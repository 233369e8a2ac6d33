package com.memorylayer.schemas.reads;

import java.util.List;
import java.util.UUID;

/** Memory ids: asked about, or (answered) those of them that were erased, at most as many as the route names. */
public record ErasedIds(List<UUID> ids) {
}
