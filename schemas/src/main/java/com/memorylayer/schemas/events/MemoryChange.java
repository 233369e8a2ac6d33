package com.memorylayer.schemas.events;

/** What the {@code memorylayer.memory.changes} topic carries: facts about memories already persisted. */
public sealed interface MemoryChange extends EventPayload permits MemoryStored, MemoryChanged {
}
