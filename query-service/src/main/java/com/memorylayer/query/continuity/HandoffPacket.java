package com.memorylayer.query.continuity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Where an agent session stands, for the session that comes next: what it was doing (its latest diary lines), what
 * it wrote (decisions, errors and how to avoid them, facts, other work), what it left open, what it asked and which
 * entities it touched. Every list holds at most the packet's {@code limit} items; texts are first lines, cut.
 *
 * @param checkpointNote only on a checkpoint: the note it was taken with, or null
 */
public record HandoffPacket(String sessionId, Instant generatedAt, String summary, List<String> currentState,
        List<Item> decisions, List<Item> errors, List<Item> facts, List<Item> recentWork, List<String> openLoops,
        List<String> recentQueries, List<String> touchedEntities, List<String> suggestedQueries, Stats stats,
        String checkpointNote) {

    /** One memory of the session. */
    public record Item(UUID id, String content, double importance, OffsetDateTime createdAt) {
    }

    /** How much the session did: diary lines, distinct queries kept, memories written. */
    public record Stats(int diaryEntries, int recentQueries, int memoriesWritten) {
    }
}
