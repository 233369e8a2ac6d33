package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * Adds recalls to memories' access counts. The content is unchanged, so the change sequence stays as it is and no
 * warm runtime re-reads the rows; a memory erased meanwhile is simply not there to count.
 */
class AccessHandler {

    Applied apply(WorkspaceTx tx, MemoriesAccessed accessed) {
        for (MemoriesAccessed.Access access : accessed.accesses()) {
            var at = access.lastAccessedAt().atOffset(ZoneOffset.UTC);
            tx.dsl().update(MEMORIES)
                    .set(MEMORIES.ACCESS_COUNT, MEMORIES.ACCESS_COUNT.plus(access.count()))
                    .set(MEMORIES.LAST_ACCESSED_AT, DSL.greatest(DSL.coalesce(MEMORIES.LAST_ACCESSED_AT, DSL.val(at)), DSL.val(at)))
                    .where(MEMORIES.ID.eq(access.memoryId()))
                    .execute();
        }
        return new Applied(WriteOutcome.UPDATED, null, null, List.of(), null);
    }
}
