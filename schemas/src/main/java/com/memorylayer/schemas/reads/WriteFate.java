package com.memorylayer.schemas.reads;

import java.util.UUID;

/**
 * What {@code GET /memories/{id}} answers for the id of a write that never became a memory of its own: {@code merged}
 * into another ({@code mergedInto}) or {@code rejected}, with the worker's {@code outcome}.
 */
public record WriteFate(UUID id, String status, UUID mergedInto, String outcome) {
}
