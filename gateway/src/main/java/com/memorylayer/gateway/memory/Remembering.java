package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.mcp.ToolRequests;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * A remember made by a tool rather than the route: the route's own parsing and command, answered once stored, so
 * the agent's next call sees it. The engine's remember shortcuts and pattern extraction store through it too.
 */
@Component
public class Remembering {

    private final RememberRequestParser parser;
    private final CommandWrites writes;
    private final MemoryProperties limits;

    Remembering(RememberRequestParser parser, CommandWrites writes, MemoryProperties limits) {
        this.parser = parser;
        this.writes = writes;
        this.limits = limits;
    }

    /**
     * Stores one memory and counts it in the call's usage, as the route does.
     *
     * @param body a remember route's body: content, kind, tags, metadata, layer, memory_type, importance, ...
     */
    public Map<String, Object> remember(WorkspaceCaller caller, ObjectNode body) {
        RememberRequest request = parser.parse(body);
        UUID eventId = UUID.randomUUID();
        Map<String, Object> answer = writes.submit(caller, eventId, eventId, request.command(eventId, caller.userId(), Instant.now()),
                true).getBody();
        MeteredUnits.of(ToolRequests.current()).memoriesWritten(1);
        return answer;
    }

    /** The most characters a memory's content may have. */
    public int maxContentChars() {
        return limits.maxContentChars();
    }
}
