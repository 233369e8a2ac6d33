package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.access.WorkspaceCaller;
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

    Remembering(RememberRequestParser parser, CommandWrites writes) {
        this.parser = parser;
        this.writes = writes;
    }

    /** @param body a remember route's body: content, kind, tags, metadata, layer, memory_type, importance, ... */
    public Map<String, Object> remember(WorkspaceCaller caller, ObjectNode body) {
        RememberRequest request = parser.parse(body);
        UUID eventId = UUID.randomUUID();
        return writes.submit(caller, eventId, eventId, request.command(eventId, caller.userId(), Instant.now()), true).getBody();
    }
}
