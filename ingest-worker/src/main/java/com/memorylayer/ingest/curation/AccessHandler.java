package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Row3;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Adds recalls to memories' access counts. The content is unchanged, so the change sequence stays as it is and no
 * warm runtime re-reads the rows; a memory erased meanwhile is simply not there to count. One command carries a
 * second's worth of one workspace's recalls, so it is one statement, not one per memory: this runs beside the
 * recalls it counts, on the same cores.
 */
class AccessHandler {

    Applied apply(WorkspaceTx tx, MemoriesAccessed accessed) {
        if (!accessed.accesses().isEmpty()) {
            @SuppressWarnings("unchecked")
            Row3<UUID, Long, OffsetDateTime>[] rows = perMemory(accessed.accesses()).stream()
                    .map(a -> DSL.row(DSL.val(a.memoryId()), DSL.val(a.count()), DSL.val(a.lastAccessedAt().atOffset(ZoneOffset.UTC))))
                    .toArray(Row3[]::new);
            Table<?> counted = DSL.values(rows).as("counted", "memory_id", "recalls", "last_at");
            Field<UUID> memoryId = counted.field("memory_id", UUID.class);
            Field<Long> recalls = counted.field("recalls", Long.class);
            Field<OffsetDateTime> lastAt = counted.field("last_at", OffsetDateTime.class);
            tx.dsl().update(MEMORIES)
                    .set(MEMORIES.ACCESS_COUNT, MEMORIES.ACCESS_COUNT.plus(recalls))
                    .set(MEMORIES.LAST_ACCESSED_AT, DSL.greatest(DSL.coalesce(MEMORIES.LAST_ACCESSED_AT, lastAt), lastAt))
                    .from(counted)
                    .where(MEMORIES.ID.eq(memoryId))
                    .execute();
        }
        return new Applied(WriteOutcome.UPDATED, null, null, List.of(), null);
    }

    /** Each memory once: an update joins a memory to one row of the list, so repeats are summed first. */
    private static Collection<MemoriesAccessed.Access> perMemory(List<MemoriesAccessed.Access> accesses) {
        Map<UUID, MemoriesAccessed.Access> merged = new LinkedHashMap<>();
        for (MemoriesAccessed.Access access : accesses) {
            merged.merge(access.memoryId(), access, (a, b) -> new MemoriesAccessed.Access(a.memoryId(), a.count() + b.count(),
                    a.lastAccessedAt().isAfter(b.lastAccessedAt()) ? a.lastAccessedAt() : b.lastAccessedAt()));
        }
        return merged.values();
    }
}
