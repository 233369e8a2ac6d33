package com.memorylayer.gateway.continuity;

import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.ForwardedAnswer;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.memory.CommandWrites;
import com.memorylayer.gateway.memory.RecallForwarder;
import com.memorylayer.schemas.events.WriteDiaryEntry;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.web.error.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Session continuity as MCP tools: a diary line, a session's diary, and the resume a new session starts from. */
@Component
class SessionTools implements McpToolSet {

    private final CommandWrites writes;
    private final RecallForwarder queryService;
    private final ObjectMapper mapper;

    SessionTools(CommandWrites writes, RecallForwarder queryService, ObjectMapper mapper) {
        this.writes = writes;
        this.queryService = queryService;
        this.mapper = mapper;
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("session_id", string("Your agent session"));
        write.put("entry", string("What you are doing, decided or left open, in a line"));
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("session_id", string("The agent session whose diary to read"));
        read.put("limit", integer("How many lines, newest first", 1, 500, 50));
        Map<String, Object> resume = new LinkedHashMap<>();
        resume.put("session_id", string("The session to resume (default: the latest saved handoffs of any session)"));
        resume.put("limit", integer("How many saved handoffs", 1, 20, 3));
        resume.put("max_tokens", integer("The context block's budget", 1, 32_000, 1_000));
        return List.of(
                new McpTool("diary_write", "Write one line to your session's diary; the next session's handoff shows it.",
                        object(write, "session_id", "entry"), Scope.WRITE, false, false, false, this::writeDiary),
                new McpTool("diary_read", "A session's diary, newest first. Only the session named.",
                        object(read, "session_id"), Scope.READ, true, false, true, this::readDiary),
                new McpTool("resume_context", "Where the last session left off: the latest saved handoff packets (or one built now)"
                        + " and a block to put in your prompt. Call it first in a new session.", object(resume), Scope.READ, true, false,
                        true, this::resume));
    }

    private Map<String, Object> writeDiary(WorkspaceCaller caller, ObjectNode arguments) {
        String session = session(arguments.path("session_id").asString(""));
        String entry = arguments.path("entry").asString("");
        if (entry.isBlank() || entry.length() > AgentSessionController.MAX_ENTRY_CHARS) {
            throw ApiException.invalidField("entry", "'entry' must be a non-empty string of at most "
                    + AgentSessionController.MAX_ENTRY_CHARS + " characters");
        }
        UUID id = UUID.randomUUID();
        return writes.submit(caller, id, id, new WriteDiaryEntry(id, session, entry, Instant.now(), caller.userId()), true).getBody();
    }

    private Map<String, Object> readDiary(WorkspaceCaller caller, ObjectNode arguments) {
        String route = "/sessions/" + URLEncoder.encode(session(arguments.path("session_id").asString("")), StandardCharsets.UTF_8)
                .replace("+", "%20") + "/diary" + query("limit", arguments.get("limit"));
        return ForwardedAnswer.of(queryService.get(caller.workspace().id(), route), mapper);
    }

    private Map<String, Object> resume(WorkspaceCaller caller, ObjectNode arguments) {
        StringBuilder route = new StringBuilder("/resume?");
        if (arguments.hasNonNull("session_id")) {
            route.append("session_id=").append(URLEncoder.encode(session(arguments.get("session_id").asString()), StandardCharsets.UTF_8))
                    .append('&');
        }
        for (String name : List.of("limit", "max_tokens")) {
            if (arguments.hasNonNull(name)) {
                route.append(name).append('=').append(arguments.get(name).asInt()).append('&');
            }
        }
        return ForwardedAnswer.of(queryService.get(caller.workspace().id(), route.substring(0, route.length() - 1)), mapper);
    }

    private static String session(String sessionId) {
        AgentSessions.problem(sessionId).ifPresent(problem -> {
            throw ApiException.invalidField("session_id", problem);
        });
        return sessionId;
    }

    private static String query(String name, JsonNode value) {
        return value == null || value.isNull() ? "" : "?" + name + "=" + value.asInt();
    }
}
