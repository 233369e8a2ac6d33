package com.memorylayer.gateway.memory;

import java.util.UUID;

/**
 * The answer to a remember: the memory's id, and a token that a recall can pass to see this write.
 *
 * @param status always {@code accepted}: the write is in the event log and will be applied
 */
record RememberAccepted(UUID id, String consistencyToken, String status) {
}
