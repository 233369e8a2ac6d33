package com.memorylayer.gateway.continuity;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.memory.IdempotencyKeys;
import com.memorylayer.gateway.memory.MemoryFields;
import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Agent sessions: a diary per session, a handoff packet built (and saved as a memory of kind {@code handoff}) when
 * a session stops or checkpoints, and the resume a new session starts from. The session id is the caller's, the
 * same {@code session_id} its memories and recalls carry; nothing is shared between sessions unless a caller names
 * the other one. Writes go into the event log like any other; the reads are the query service's.
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class AgentSessionController {

    static final int MAX_ENTRY_CHARS = AgentSessions.MAX_DIARY_ENTRY_CHARS;

    private final MemoryFields fields;
    private final SessionWrites sessions;
    private final QueryForwarder queryService;
    private final IdempotencyKeys idempotency;
    private final ObjectMapper mapper;

    AgentSessionController(MemoryFields fields, SessionWrites sessions, QueryForwarder queryService, IdempotencyKeys idempotency,
            ObjectMapper mapper) {
        this.fields = fields;
        this.sessions = sessions;
        this.queryService = queryService;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    /**
     * {@code {entry}}: one diary line; 202 with its id, or 200 once stored with {@code ?wait=true}. A retry with the
     * same {@code Idempotency-Key} stores it once.
     */
    @PostMapping(path = "/sessions/{sessionId}/diary", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> writeDiary(@PathVariable String sessionId, @RequestBody JsonNode body,
            @RequestParam(defaultValue = "false") boolean wait,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, WorkspaceCaller caller) {
        SessionWrites.checkSession(sessionId);
        fields.object(body, Set.of("entry"));
        String entry = fields.text(body.get("entry"), "entry", MAX_ENTRY_CHARS, true);
        return sessions.diaryLine(caller, idempotency.eventId(caller, idempotencyKey, request("diary", sessionId, body)), sessionId, entry,
                wait);
    }

    @GetMapping("/sessions/{sessionId}/diary")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> readDiary(@PathVariable String sessionId,
            @RequestParam(required = false) String limit, WorkspaceCaller caller) {
        SessionWrites.checkSession(sessionId);
        return queryService.get(caller.workspace().id(), SessionWrites.query(SessionWrites.session(sessionId) + "/diary", "limit", limit));
    }

    /** The session's digest, built now; nothing is saved. */
    @GetMapping("/sessions/{sessionId}/summary")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> summary(@PathVariable String sessionId, WorkspaceCaller caller) {
        SessionWrites.checkSession(sessionId);
        return queryService.get(caller.workspace().id(), SessionWrites.session(sessionId) + "/summary");
    }

    /**
     * {@code {save (default true), limit}}: the session's handoff packet, built now, and saved as a memory when
     * {@code save} (which takes the write scope).
     */
    @PostMapping("/sessions/{sessionId}/handoff")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> handoff(@PathVariable String sessionId, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, WorkspaceCaller caller,
            HttpServletRequest request) {
        SessionWrites.checkSession(sessionId);
        JsonNode tree = body == null || body.isNull() ? mapper.createObjectNode() : body;
        fields.object(tree, Set.of("save", "limit"));
        Boolean save = fields.bool(tree.get("save"), "save");
        boolean saving = save == null || save;
        if (saving && !caller.allows(Scope.WRITE)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "saving a handoff needs the write scope; send \"save\": false to only build it");
        }
        UUID memoryId = saving ? idempotency.eventId(caller, idempotencyKey, request("handoff", sessionId, tree)) : null;
        return sessions.packet(caller, sessionId, tree.get("limit"), null, null, memoryId, MeteredUnits.of(request));
    }

    /**
     * {@code {note?, limit}}: writes the diary line {@code [checkpoint] note} when there is a note, then builds the
     * packet (with that line in it) and saves it.
     */
    @PostMapping("/sessions/{sessionId}/checkpoint")
    @RequiresScope(Scope.WRITE)
    CompletableFuture<ResponseEntity<byte[]>> checkpoint(@PathVariable String sessionId, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, WorkspaceCaller caller,
            HttpServletRequest request) {
        SessionWrites.checkSession(sessionId);
        JsonNode tree = body == null || body.isNull() ? mapper.createObjectNode() : body;
        fields.object(tree, Set.of("note", "limit"));
        String note = fields.text(tree.get("note"), "note", MAX_ENTRY_CHARS, false);
        // One id for the checkpoint; its diary line's is derived from it, so a retry writes neither twice.
        UUID memoryId = idempotency.eventId(caller, idempotencyKey, request("checkpoint", sessionId, tree));
        String token = null;
        if (note != null) {
            UUID lineId = UUID.nameUUIDFromBytes((memoryId + "/diary").getBytes(StandardCharsets.UTF_8));
            token = (String) sessions.diaryLine(caller, lineId, sessionId, "[checkpoint] " + note, false).getBody().get("consistency_token");
        }
        return sessions.packet(caller, sessionId, tree.get("limit"), note == null ? "" : note, token, memoryId,
                MeteredUnits.of(request));
    }

    /** The latest saved handoffs (or one built now) and a prompt-ready block, so a new session starts with one call. */
    @GetMapping("/resume")
    @RequiresScope(Scope.READ)
    CompletableFuture<ResponseEntity<byte[]>> resume(@RequestParam(name = "session_id", required = false) String sessionId,
            @RequestParam(required = false) String limit, @RequestParam(name = "max_tokens", required = false) String maxTokens,
            @RequestParam(required = false) String encoding, WorkspaceCaller caller) {
        if (sessionId != null) {
            SessionWrites.checkSession(sessionId);
        }
        return queryService.get(caller.workspace().id(),
                SessionWrites.query("/resume", "session_id", sessionId, "limit", limit, "max_tokens", maxTokens, "encoding", encoding));
    }

    /** What an idempotency key's first request is remembered by: the route, the session and the body. */
    private byte[] request(String route, String sessionId, JsonNode body) {
        return (route + "\n" + sessionId + "\n" + mapper.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
    }
}
