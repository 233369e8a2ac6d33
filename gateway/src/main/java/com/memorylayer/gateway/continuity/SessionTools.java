package com.memorylayer.gateway.continuity;

import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.ForwardedAnswer;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.memory.MemoryFields;
import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.web.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Session continuity as MCP tools: a diary line, a session's diary, and the resume a new session starts from. */
@Component
class SessionTools implements McpToolSet {

    private final SessionWrites sessions;
    private final MemoryFields fields;
    private final QueryForwarder queryService;
    private final ObjectMapper mapper;

    SessionTools(SessionWrites sessions, MemoryFields fields, QueryForwarder queryService, ObjectMapper mapper) {
        this.sessions = sessions;
        this.fields = fields;
        this.queryService = queryService;
        this.mapper = mapper;
    }

    /**
     * The session a tool uses when none is named. The engine's session tools took none (one session per server
     * process); agents written for them keep working, all sharing this one, as they shared the engine's.
     */
    private static final String SHARED = "(default: `" + AgentSessions.SHARED_SESSION + "`, the workspace's shared session)";
    private static final String YOURS = "Your agent session " + SHARED;

    @Override
    public String group() {
        return "sessions";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("session_id", string(YOURS));
        write.put("entry", string("What you are doing, decided or left open, in a line"));
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("session_id", string("The agent session whose diary to read " + SHARED));
        read.put("limit", integer("How many lines, newest first", 1, 500, 50));
        Map<String, Object> resume = new LinkedHashMap<>();
        resume.put("session_id", string("The session to resume (default: the latest saved handoffs of any session)"));
        resume.put("limit", integer("How many saved handoffs", 1, 20, 3));
        resume.put("max_tokens", integer("The context block's budget", 1, 32_000, 1_000));
        Map<String, Object> summary = Map.of("session_id", string("The agent session " + SHARED));
        Map<String, Object> handoff = new LinkedHashMap<>();
        handoff.put("session_id", string("The agent session to hand off " + SHARED));
        handoff.put("save", bool("Save the packet as a memory of kind handoff (default true; needs the write scope)"));
        handoff.put("limit", integer("Items per list", 1, 20, 8));
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("session_id", string(YOURS));
        checkpoint.put("note", string("Where you are; written to the diary as [checkpoint] note"));
        checkpoint.put("limit", integer("Items per list", 1, 20, 8));
        return List.of(
                McpTool.answeringLater("session_summary", "A session's digest, built now: diary lines, searches, writes, open"
                        + " loops, decisions.", object(summary), Scope.READ, true, false, true, this::summary),
                McpTool.answeringLater("session_handoff", "A session's handoff packet: what it was doing, decided, got wrong,"
                        + " left open, asked and touched; saved for the next session unless save is false.", object(handoff),
                        Scope.READ, false, false, false, this::handoff),
                McpTool.answeringLater("session_checkpoint", "Write a checkpoint: the note into the diary, then the handoff"
                        + " packet built and saved.", object(checkpoint), Scope.WRITE, false, false, false, this::checkpoint),
                new McpTool("diary_write", "Write one line to your session's diary; the next session's handoff shows it.",
                        object(write, "entry"), Scope.WRITE, false, false, false, this::writeDiary),
                McpTool.answeringLater("diary_read", "A session's diary, newest first. Only the session named.",
                        object(read), Scope.READ, true, false, true, this::readDiary),
                McpTool.answeringLater("resume_context", "Where the last session left off: the latest saved handoff packets"
                        + " (or one built now) and a block to put in your prompt. Call it first in a new session.", object(resume),
                        Scope.READ, true, false, true, this::resume));
    }

    private Map<String, Object> writeDiary(WorkspaceCaller caller, ObjectNode arguments) {
        String session = session(arguments);
        String entry = fields.text(arguments.get("entry"), "entry", AgentSessionController.MAX_ENTRY_CHARS, true);
        return sessions.diaryLine(caller, UUID.randomUUID(), session, entry, true).getBody();
    }

    private CompletableFuture<Map<String, Object>> summary(WorkspaceCaller caller, ObjectNode arguments) {
        String session = session(arguments);
        return ForwardedAnswer.later(queryService.get(caller.workspace().id(), SessionWrites.session(session) + "/summary"),
                mapper);
    }

    private CompletableFuture<Map<String, Object>> handoff(WorkspaceCaller caller, ObjectNode arguments) {
        String session = session(arguments);
        boolean save = !arguments.has("save") || arguments.get("save").asBoolean();
        if (save && !caller.allows(Scope.WRITE)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "saving a handoff needs the write scope; pass save: false to only build it");
        }
        return ForwardedAnswer.later(sessions.packet(caller, session, arguments.get("limit"), null, null,
                save ? UUID.randomUUID() : null, null), mapper);
    }

    private CompletableFuture<Map<String, Object>> checkpoint(WorkspaceCaller caller, ObjectNode arguments) {
        String session = session(arguments);
        String note = fields.text(arguments.get("note"), "note", AgentSessionController.MAX_ENTRY_CHARS, false);
        String token = note == null ? null : (String) sessions.diaryLine(caller, UUID.randomUUID(), session, "[checkpoint] " + note,
                false).getBody().get("consistency_token");
        return ForwardedAnswer.later(sessions.packet(caller, session, arguments.get("limit"), note == null ? "" : note, token,
                UUID.randomUUID(), null), mapper);
    }

    private CompletableFuture<Map<String, Object>> readDiary(WorkspaceCaller caller, ObjectNode arguments) {
        String route = SessionWrites.query(SessionWrites.session(session(arguments)) + "/diary",
                "limit", text(arguments.get("limit")));
        return ForwardedAnswer.later(queryService.get(caller.workspace().id(), route), mapper);
    }

    private CompletableFuture<Map<String, Object>> resume(WorkspaceCaller caller, ObjectNode arguments) {
        String session = arguments.hasNonNull("session_id") ? session(arguments) : null;
        return ForwardedAnswer.later(queryService.get(caller.workspace().id(), SessionWrites.query("/resume", "session_id", session,
                "limit", text(arguments.get("limit")), "max_tokens", text(arguments.get("max_tokens")))), mapper);
    }

    /** The session named, or the workspace's shared one, as the engine's tools had one session per server. */
    private static String session(ObjectNode arguments) {
        if (!arguments.hasNonNull("session_id")) {
            return AgentSessions.SHARED_SESSION;
        }
        String sessionId = arguments.get("session_id").asString("");
        SessionWrites.checkSession(sessionId);
        return sessionId;
    }

    /** A schema-checked integer argument as a query parameter's value, or null when absent. */
    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : Integer.toString(value.asInt());
    }
}
