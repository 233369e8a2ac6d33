package com.memorylayer.gateway.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP calls the connection kit tells an agent to make when a session starts and before it stops: the skill's
 * routine as data, so a runner can make them without reading prose.
 */
final class StartupCalls {

    /** One tool call and why it is made; its arguments keep their order and cannot be changed. */
    record Call(String tool, Map<String, Object> arguments, String why) {
        Call {
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }
    }

    static final List<Call> STARTUP = List.of(
            new Call("resume_context", Map.of(), "where the last session left off, and a block for the prompt"),
            new Call("recall_context", JsonFields.of("query", "current task", "max_tokens", 1200),
                    "the best memories for the task as one prompt-ready block, each line citing its memory id"),
            new Call("get_skills", Map.of("query", "current task"), "stored procedures worth following for the task"));

    static final List<Call> SHUTDOWN = List.of(
            new Call("session_checkpoint", JsonFields.of("session_id", "<your session id>",
                    "note", "what changed, what was decided, what is still open"),
                    "the next session's resume_context starts from it. One agent alone may leave session_id out (the "
                            + "workspace's shared session, default); agents sharing a workspace each pass their own on "
                            + "every write, recall and session tool, so each handoff holds its own work"));

    private StartupCalls() {
    }
}
