package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;

import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The names of the entities recalled memories mention, read from the workspace's graph in one query. */
@Component
class MentionedEntities {

    private final WorkspaceDsl workspaces;

    MentionedEntities(WorkspaceDsl workspaces) {
        this.workspaces = workspaces;
    }

    /**
     * Per memory, the names of the entities it mentions, most-mentioned entity first, at most {@code perMemory}; a
     * memory that mentions none is absent.
     */
    Map<UUID, List<String>> of(UUID workspaceId, Collection<UUID> memoryIds, int perMemory) {
        Map<UUID, List<String>> names = new HashMap<>();
        if (memoryIds.isEmpty()) {
            return names;
        }
        workspaces.in(WorkspaceSchemaName.of(workspaceId))
                .select(ENTITY_MENTIONS.MEMORY_ID, ENTITIES.NAME)
                .from(ENTITY_MENTIONS).join(ENTITIES).on(ENTITIES.ID.eq(ENTITY_MENTIONS.ENTITY_ID))
                .where(ENTITY_MENTIONS.MEMORY_ID.in(memoryIds))
                .orderBy(ENTITY_MENTIONS.MEMORY_ID, ENTITIES.MENTION_COUNT.desc(), ENTITIES.NAME)
                .forEach(r -> {
                    List<String> ofMemory = names.computeIfAbsent(r.value1(), id -> new ArrayList<>());
                    if (ofMemory.size() < perMemory) {
                        ofMemory.add(r.value2());
                    }
                });
        return names;
    }

    /** How many of the memories mention each entity, most first. */
    List<NamedCount> counted(UUID workspaceId, Collection<UUID> memoryIds) {
        return NamedCount.tally(of(workspaceId, memoryIds, Integer.MAX_VALUE).values().stream().flatMap(List::stream).toList());
    }
}
