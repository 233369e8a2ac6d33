package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;

import java.util.UUID;

/**
 * The ids of erased memories, which stay retired: a write naming one (an ingest item's {@code id}, an import) is
 * refused ({@code rejected:memory_id_erased}). Were it stored, its erasure receipt would still say "erased" over a
 * live memory, and the memory could never be erased itself, since an id has one receipt.
 */
public final class ErasedIds {

    /** The outcome's reason when a write names an erased id. */
    public static final String REASON = "memory_id_erased";

    private ErasedIds() {
    }

    static boolean isErased(WorkspaceTx tx, UUID id) {
        return tx.dsl().fetchExists(ERASURES, ERASURES.MEMORY_ID.eq(id));
    }
}
