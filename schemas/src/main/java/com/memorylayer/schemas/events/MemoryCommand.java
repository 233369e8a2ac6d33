package com.memorylayer.schemas.events;

/** What the {@code memorylayer.memory.commands} topic carries: requests to change a workspace's memories and their graph. */
public sealed interface MemoryCommand extends EventPayload permits RememberMemory, EditMemory, AnnotateMemory,
        ChangeStatus, EraseMemory, BatchChange, DedupeMemories, ConsolidateMemories, MemoriesAccessed, UpdateEntity, MergeEntities,
        LinkMemories, WriteDiaryEntry, SessionRecalls {
}
