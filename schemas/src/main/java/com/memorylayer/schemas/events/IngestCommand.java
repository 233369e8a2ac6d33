package com.memorylayer.schemas.events;

/**
 * What the {@code memorylayer.memory.bulk} topic carries: bulk writes, on a topic of their own so that a large run
 * never queues ahead of one agent's remember or edit.
 */
public sealed interface IngestCommand extends EventPayload permits IngestItems {
}
