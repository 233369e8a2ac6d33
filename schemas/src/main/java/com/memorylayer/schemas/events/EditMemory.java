package com.memorylayer.schemas.events;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Change some of a memory's fields; null ones stay as they are. A new {@code content} is embedded again and
 * replaces the memory in every index; the old content stays in its history. {@code tags} replaces the tags,
 * {@code tagsAdd} and {@code tagsRemove} adjust them; {@code metadata} replaces the whole object.
 *
 * @param ifVersion apply only if the memory is still at this version, else the outcome is
 *                  {@code rejected:version_conflict}
 */
public record EditMemory(UUID memoryId, String content, List<String> tags, List<String> tagsAdd,
        List<String> tagsRemove, String kind, Map<String, Object> metadata, Double importance, MemoryLayer layer,
        MemoryType memoryType, Boolean pinned, String sessionId, Integer ifVersion, UUID actorUserId)
        implements MemoryCommand {

    public static final String TYPE = "memorylayer.memory.edit";
    public static final int VERSION = 1;

    public EditMemory {
        Objects.requireNonNull(memoryId, "memoryId");
        tags = tags == null ? null : List.copyOf(tags);
        tagsAdd = tagsAdd == null ? List.of() : List.copyOf(tagsAdd);
        tagsRemove = tagsRemove == null ? List.of() : List.copyOf(tagsRemove);
        metadata = metadata == null ? null : Map.copyOf(metadata);
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
