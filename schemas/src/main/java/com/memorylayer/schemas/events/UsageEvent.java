package com.memorylayer.schemas.events;

/** What the {@code memorylayer.usage} topic carries. */
public sealed interface UsageEvent extends EventPayload permits UsageRecorded {
}
