package com.memorylayer.schemas.reads.stats;

/** What a workspace holds. @param bytes what Postgres holds for it: rows, indexes and TOAST of all its tables */
public record WorkspaceStatus(MemoryCounts memories, int entities, int relations, long bytes) {
}
