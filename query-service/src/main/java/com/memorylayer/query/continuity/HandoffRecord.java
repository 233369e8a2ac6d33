package com.memorylayer.query.continuity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a saved handoff keeps (a {@code handoff} memory's {@code metadata.handoff}): the session's own words — its
 * diary lines and queries, cut — and the ids of the memories it wrote, never their text. Resume builds the packet
 * from it again with the memories as they are then, so an erased memory leaves nothing of itself in a saved
 * handoff, and an edited one shows its new text.
 */
record HandoffRecord(int version, String sessionId, Instant generatedAt, int limit, String checkpointNote,
        List<SessionActivity.DiaryLine> diary, List<UUID> memories, List<SessionActivity.Asked> queries) {

    static final int VERSION = 1;

    static HandoffRecord of(String sessionId, SessionActivity activity, int limit, String checkpointNote, Instant now) {
        return new HandoffRecord(VERSION, sessionId, now, limit, checkpointNote,
                activity.diary.stream().map(line -> new SessionActivity.DiaryLine(line.id(),
                        HandoffBuilder.cut(line.entry(), HandoffBuilder.LOOP_CHARS), line.writtenAt())).toList(),
                activity.memories.stream().map(SessionActivity.Written::id).toList(),
                activity.queries.stream().map(asked -> new SessionActivity.Asked(
                        HandoffBuilder.cut(asked.query(), HandoffBuilder.ITEM_CHARS), asked.results())).toList());
    }
}
