package com.memorylayer.schemas.memory;

import java.util.Optional;

/**
 * What every service agrees on about agent sessions: how a session id may look (the {@code session_id} memories,
 * recalls and diaries carry) and the kind a saved handoff packet is stored as.
 */
public final class AgentSessions {

    /** As long as a session id may be. */
    public static final int MAX_ID_CHARS = 200;
    /** As long as one diary line (or a checkpoint's note) may be: the route's limit, and an import's. */
    public static final int MAX_DIARY_ENTRY_CHARS = 4_000;
    /** The kind of a memory that holds a saved handoff packet (in {@code metadata.handoff}). */
    public static final String HANDOFF_KIND = "handoff";
    /**
     * The workspace's shared session: the session tools' default, and the session of every write and every writer's
     * recall that names none (the seed engine's one session per process). Its packet holds what came since its last
     * saved handoff (a checkpoint or a saved {@code session_handoff}), for it never ends the way a named session does.
     */
    public static final String SHARED_SESSION = "default";
    /** How the tools that take a {@code session_id} describe it to agents. */
    public static final String SESSION_ARGUMENT = "Your agent session; leave it out to use the workspace's shared session `"
            + SHARED_SESSION + "`, name your own when other agents share the workspace";

    private AgentSessions() {
    }

    /** What is wrong with a session id, if anything: blank, too long, or holding a NUL (which Postgres refuses). */
    public static Optional<String> problem(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > MAX_ID_CHARS || sessionId.indexOf('\u0000') >= 0) {
            return Optional.of("a session id is a non-empty string of at most " + MAX_ID_CHARS + " characters, without NUL");
        }
        return Optional.empty();
    }
}
