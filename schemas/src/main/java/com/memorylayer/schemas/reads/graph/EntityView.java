package com.memorylayer.schemas.reads.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An entity with its aliases; with its strongest relations when read alone, null in a search's list.
 *
 * @param relations at most the 50 with the most evidence, then the latest seen; null in a list of entities
 */
public record EntityView(UUID id, String name, String type, List<String> aliases, int mentionCount, OffsetDateTime firstSeen,
        OffsetDateTime lastSeen, @JsonInclude(JsonInclude.Include.NON_NULL) List<Relation> relations) {

    /** One relation seen from this entity: {@code out} when it is the relation's source. */
    public record Relation(String relation, String direction, EntityRef entity, int evidenceCount, OffsetDateTime validFrom,
            OffsetDateTime validTo, OffsetDateTime lastSeen) {
    }

    /** The entity at a relation's other end. */
    public record EntityRef(UUID id, String name, String type) {
    }
}
