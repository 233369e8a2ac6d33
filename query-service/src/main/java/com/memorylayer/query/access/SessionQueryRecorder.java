package com.memorylayer.query.access;

import com.memorylayer.schemas.events.SessionRecalls;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Notes the recalls that named an agent session, on the request path and without I/O, for the
 * {@link AccessPublisher} to send with the access counts. A session's handoff lists what it asked.
 */
@Component
public class SessionQueryRecorder {

    /** Past this many unsent recalls a workspace's oldest ones give way: a handoff lists the latest. */
    static final int MAX_PENDING_PER_WORKSPACE = 1_000;
    /** A query is kept this long at most: a handoff shows a line of it, and a batch must stay well under a record's size. */
    static final int MAX_QUERY_CHARS = 500;

    private final boolean enabled;
    private final Clock clock;
    private final ConcurrentHashMap<UUID, ArrayDeque<SessionRecalls.Recall>> pending = new ConcurrentHashMap<>();

    @Autowired
    public SessionQueryRecorder(AccessProperties properties) {
        this(properties.enabled(), Clock.systemUTC());
    }

    public SessionQueryRecorder(boolean enabled, Clock clock) {
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Notes that {@code sessionId} asked {@code query} and got {@code results} memories. */
    public void record(UUID workspaceId, String sessionId, String query, int results) {
        if (!enabled || sessionId == null) {
            return;
        }
        SessionRecalls.Recall recall = new SessionRecalls.Recall(sessionId,
                query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query, results, clock.instant());
        pending.compute(workspaceId, (workspace, recalls) -> {
            ArrayDeque<SessionRecalls.Recall> list = recalls == null ? new ArrayDeque<>() : recalls;
            if (list.size() == MAX_PENDING_PER_WORKSPACE) {
                list.removeFirst();
            }
            list.addLast(recall);
            return list;
        });
    }

    /** Takes everything noted so far, per workspace, in the order it was asked. */
    public Map<UUID, List<SessionRecalls.Recall>> drain() {
        Map<UUID, List<SessionRecalls.Recall>> taken = new LinkedHashMap<>();
        for (UUID workspace : pending.keySet()) {
            ArrayDeque<SessionRecalls.Recall> recalls = pending.remove(workspace);
            if (recalls != null && !recalls.isEmpty()) {
                taken.put(workspace, List.copyOf(recalls));
            }
        }
        return taken;
    }
}
