package com.memorylayer.gateway.graph;

import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.reads.graph.EntityLookup;
import com.memorylayer.schemas.reads.graph.MissingEntities;
import com.memorylayer.web.error.ApiException;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The entity questions the gateway asks before it acts (which entity a name names, whether the entities a curation
 * command names exist), answered by the query service.
 */
@Component
class EntityLookups {

    private final QueryReads reads;

    EntityLookups(QueryReads reads) {
        this.reads = reads;
    }

    /** The entity of this name or alias (case, a possessive and a leading "the" aside), as the engine looks names up. */
    Optional<UUID> named(UUID workspaceId, String name) {
        return Optional.ofNullable(reads.get(workspaceId, "/entities/lookup?name=" + EntityController.encode(name),
                EntityLookup.class).id());
    }

    /** @throws ApiException 404 {@code entity_not_found} naming the first of the ids that is no entity of the workspace */
    void requireAll(UUID workspaceId, Collection<UUID> ids) {
        String list = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        MissingEntities missing = reads.get(workspaceId, "/entities/missing?ids=" + list, MissingEntities.class);
        if (!missing.missing().isEmpty()) {
            throw new ApiException(ErrorCode.ENTITY_NOT_FOUND, "no entity " + missing.missing().getFirst() + " in this workspace");
        }
    }
}
