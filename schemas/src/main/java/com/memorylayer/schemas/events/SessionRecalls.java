package com.memorylayer.schemas.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The recalls that named an agent session ({@code session_id} on the recall), gathered by the query service off the
 * request path and sent in batches with the access counts, so that a session's handoff can list what it asked.
 * Like access counts they are a convenience, not a record: a batch lost with its process is not missed by anyone.
 */
public record SessionRecalls(List<Recall> recalls) implements MemoryCommand {

    public static final String TYPE = "memorylayer.session.recalls";
    public static final int VERSION = 1;

    /** One recall: its session, its query and how many memories it returned. */
    public record Recall(String sessionId, String query, int results, Instant recalledAt) {

        public Recall {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(recalledAt, "recalledAt");
        }
    }

    public SessionRecalls {
        recalls = List.copyOf(recalls);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
