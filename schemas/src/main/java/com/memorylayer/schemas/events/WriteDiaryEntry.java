package com.memorylayer.schemas.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of an agent session's diary: what the agent was doing, decided or left open, in its own words. The
 * session is the caller's ({@code session_id}, as memories carry it); a diary is read per session.
 *
 * @param entryId the line's id, which the gateway answers; applying the command twice stores it once
 */
public record WriteDiaryEntry(UUID entryId, String sessionId, String entry, Instant writtenAt, UUID actorUserId)
        implements MemoryCommand {

    public static final String TYPE = "memorylayer.session.diary";
    public static final int VERSION = 1;

    public WriteDiaryEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(writtenAt, "writtenAt");
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId must not be blank");
        }
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("entry must not be blank");
        }
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
