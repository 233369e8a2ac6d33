package com.memorylayer.entities.recall;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the entity channel needs to know of a workspace's graph; the query service reads it from Postgres. */
public interface GraphView {

    /** The entities some of these keys name, directly or by an alias: key to entity. */
    Map<String, MatchedEntity> resolve(Collection<String> keys);

    /** The memories that name these entities, the latest {@code perEntity} of each, as entity to memory ids. */
    Map<UUID, List<UUID>> memoriesOf(Collection<UUID> entities, int perEntity);

    /** The strongest neighbours of these entities (at most {@code perEntity} each), with their evidence counts. */
    Map<UUID, List<Neighbour>> neighbours(Collection<UUID> entities, int perEntity);

    /** An entity the query named. */
    record MatchedEntity(UUID id, String name, int mentionCount) {
    }

    /** An entity related to another, and how many memories show it. */
    record Neighbour(UUID id, int mentionCount, int evidence) {
    }
}
