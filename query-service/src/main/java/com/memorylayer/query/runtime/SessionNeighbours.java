package com.memorylayer.query.runtime;

import com.memorylayer.retrieval.search.NeighbourContextSearch;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which memory came just before and just after each memory of the same session, in the order they were written
 * (the runtime sees them in {@code change_seq} order). Memories without a session have no neighbours. A memory
 * the runtime holds stays linked whatever its status; an erased one is unlinked, its two neighbours becoming each
 * other's, so it is never looked up again.
 */
final class SessionNeighbours implements NeighbourContextSearch.Neighbours {

    private final Map<UUID, UUID> previous = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> next = new ConcurrentHashMap<>();
    private final Map<String, UUID> lastOfSession = new ConcurrentHashMap<>();

    /** Records a new memory as the latest of its session. */
    void append(String sessionId, UUID id) {
        if (sessionId == null) {
            return;
        }
        UUID before = lastOfSession.put(sessionId, id);
        if (before != null) {
            previous.put(id, before);
            next.put(before, id);
        }
    }

    /** Unlinks a memory from its session; one without a session was never linked. */
    void remove(String sessionId, UUID id) {
        if (sessionId == null) {
            return;
        }
        UUID before = previous.remove(id);
        UUID after = next.remove(id);
        if (before != null) {
            if (after != null) {
                next.put(before, after);
            } else {
                next.remove(before, id);
            }
        }
        if (after != null) {
            if (before != null) {
                previous.put(after, before);
            } else {
                previous.remove(after, id);
            }
        }
        if (before != null) {
            lastOfSession.replace(sessionId, id, before);
        } else {
            lastOfSession.remove(sessionId, id);
        }
    }

    @Override
    public UUID previous(UUID id) {
        return previous.get(id);
    }

    @Override
    public UUID next(UUID id) {
        return next.get(id);
    }
}
