package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Refuses an ingest or import request that names an erased memory's id, with {@code 409 memory_id_erased} and the
 * ids, before anything of it is accepted: the client learns at once which lines to drop. The ingest worker decides
 * again as each item's outcome ({@code rejected:memory_id_erased}), for an erasure still on the command log when the
 * request came is not in the table yet. The query service reads the erasures; it names at most 20 of the ids.
 */
@Component
class ErasedIdCheck {

    private final MemoryReads reads;

    ErasedIdCheck(MemoryReads reads) {
        this.reads = reads;
    }

    void refuseErased(Workspace workspace, List<IngestIntake.Pending> pending) {
        List<UUID> ids = pending.stream().map(p -> p.imported() != null ? p.imported().id()
                : p.remember() != null ? p.remember().memoryId() : null).filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return;
        }
        List<UUID> erased = reads.erasedAmong(workspace, ids);
        if (!erased.isEmpty()) {
            throw new ApiException(ErrorCode.MEMORY_ID_ERASED, "the request names " + (erased.size() == 1 ? "a memory id" : "memory ids")
                    + " that " + (erased.size() == 1 ? "was" : "were") + " erased (" + erased + "); an erased id is never written "
                    + "again: leave those items out, or send them without an id", Map.of("ids", erased));
        }
    }
}
