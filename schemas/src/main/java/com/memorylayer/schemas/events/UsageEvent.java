package com.memorylayer.schemas.events;

/** What the {@code memorylayer.usage} topic carries: per-call usage from the gateway, embedding work from the ingest worker. */
public sealed interface UsageEvent extends EventPayload permits UsageRecorded, MemoriesEmbedded {
}
