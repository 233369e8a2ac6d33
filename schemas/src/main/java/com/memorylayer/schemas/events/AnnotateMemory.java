package com.memorylayer.schemas.events;

import java.util.Objects;
import java.util.UUID;

/** Add a note about a memory; its content stays as it is. */
public record AnnotateMemory(UUID memoryId, UUID annotationId, String note, UUID actorUserId) implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.annotate";
    public static final int VERSION = 1;

    public AnnotateMemory {
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(annotationId, "annotationId");
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("note must not be blank");
        }
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
