package com.memorylayer.query.continuity;

import com.knuddels.jtokkit.api.EncodingType;
import com.memorylayer.query.consistency.ConsistencyWaits;
import com.memorylayer.query.recall.RecallRequestParser;
import com.memorylayer.query.recall.TokenEncodings;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.web.error.ApiException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Session continuity's internal routes; the gateway forwards {@code /sessions/...} and {@code /resume} here. */
@RestController
class SessionController {

    static final int DEFAULT_DIARY_LIMIT = 50;
    static final int MAX_DIARY_LIMIT = 500;
    static final int DEFAULT_RESUME_LIMIT = 3;
    static final int MAX_RESUME_LIMIT = 20;
    static final int DEFAULT_MAX_TOKENS = 1_000;
    static final int MAX_MAX_TOKENS = 32_000;
    private static final Set<String> HANDOFF_FIELDS = Set.of("limit", "checkpoint_note", "consistency_token");

    private final SessionContinuity continuity;
    private final ExistingWorkspaces catalog;
    private final ConsistencyWaits consistency;
    private final RecallRequestParser bodies;

    SessionController(SessionContinuity continuity, ExistingWorkspaces catalog, ConsistencyWaits consistency,
            RecallRequestParser bodies) {
        this.continuity = continuity;
        this.catalog = catalog;
        this.consistency = consistency;
        this.bodies = bodies;
    }

    @GetMapping("/internal/v1/workspaces/{workspaceId}/sessions/{sessionId}/diary")
    Map<String, Object> diary(@PathVariable UUID workspaceId, @PathVariable String sessionId,
            @RequestParam(required = false) String limit) {
        require(workspaceId, sessionId);
        int max = integer("limit", limit, DEFAULT_DIARY_LIMIT, MAX_DIARY_LIMIT);
        return Map.of("session_id", sessionId, "entries", continuity.diary(workspaceId, sessionId, max).stream()
                .map(line -> Map.of("id", line.id(), "entry", line.entry(), "written_at", line.writtenAt())).toList());
    }

    @GetMapping("/internal/v1/workspaces/{workspaceId}/sessions/{sessionId}/summary")
    Map<String, Object> summary(@PathVariable UUID workspaceId, @PathVariable String sessionId) {
        require(workspaceId, sessionId);
        return continuity.summary(workspaceId, sessionId);
    }

    /**
     * The session's packet, built now, beside the form the gateway saves it in ({@code saved_text}, the memory's
     * content; {@code saved_record}, its {@code metadata.handoff}). With a consistency token, built once that write
     * (a checkpoint's diary line) has been applied.
     */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/sessions/{sessionId}/handoff")
    CompletableFuture<Map<String, Object>> handoff(@PathVariable UUID workspaceId, @PathVariable String sessionId,
            @RequestBody(required = false) byte[] body) {
        require(workspaceId, sessionId);
        JsonNode tree = bodies.object(body, true);
        RecallRequestParser.onlyFields(tree, HANDOFF_FIELDS);
        JsonNode limitNode = tree.get("limit");
        int limit = HandoffBuilder.DEFAULT_LIMIT;
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.isIntegralNumber() || limitNode.asLong() < 1 || limitNode.asLong() > HandoffBuilder.MAX_LIMIT) {
                throw ApiException.invalidField("limit", "'limit' must be an integer from 1 to " + HandoffBuilder.MAX_LIMIT);
            }
            limit = limitNode.asInt();
        }
        String note = text(tree, "checkpoint_note");
        String token = text(tree, "consistency_token");
        int packetLimit = limit;
        java.util.function.Supplier<Map<String, Object>> build = () -> {
            SessionContinuity.Built built = continuity.build(workspaceId, sessionId, packetLimit, note);
            return Map.of("packet", built.packet(), "saved_text", built.savedText(), "saved_record", built.savedRecord());
        };
        return token == null ? CompletableFuture.completedFuture(build.get()) : consistency.afterApplied(workspaceId, token, build);
    }

    @GetMapping("/internal/v1/workspaces/{workspaceId}/resume")
    Map<String, Object> resume(@PathVariable UUID workspaceId, @RequestParam(name = "session_id", required = false) String sessionId,
            @RequestParam(required = false) String limit, @RequestParam(name = "max_tokens", required = false) String maxTokens,
            @RequestParam(required = false) String encoding) {
        if (sessionId != null) {
            require(workspaceId, sessionId);
        } else {
            requireWorkspace(workspaceId);
        }
        EncodingType type = TokenEncodings.named(encoding == null ? TokenEncodings.DEFAULT : encoding).orElseThrow(() ->
                ApiException.invalidField("encoding", "'encoding' must be o200k_base or cl100k_base"));
        return continuity.resume(workspaceId, sessionId, integer("limit", limit, DEFAULT_RESUME_LIMIT, MAX_RESUME_LIMIT),
                integer("max_tokens", maxTokens, DEFAULT_MAX_TOKENS, MAX_MAX_TOKENS), type);
    }

    private void require(UUID workspaceId, String sessionId) {
        requireWorkspace(workspaceId);
        AgentSessions.problem(sessionId).ifPresent(problem -> {
            throw ApiException.invalidField("session_id", problem);
        });
    }

    private void requireWorkspace(UUID workspaceId) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace");
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.asString().isBlank()) {
            throw ApiException.invalidField(field, "'" + field + "' must be a non-empty string");
        }
        return node.asString();
    }

    private static int integer(String field, String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalidField(field, "'" + field + "' must be an integer from 1 to " + max);
    }
}
