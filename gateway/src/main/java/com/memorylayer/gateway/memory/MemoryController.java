package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Remember and recall on one workspace. */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class MemoryController {

    private static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;

    private final RememberRequestParser parser;
    private final CommandWrites writes;
    private final RecallForwarder recalls;

    MemoryController(RememberRequestParser parser, CommandWrites writes, RecallForwarder recalls) {
        this.parser = parser;
        this.writes = writes;
        this.recalls = recalls;
    }

    @PostMapping(path = "/memories", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> remember(@RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller, HttpServletRequest request) {
        RememberRequest remember = parser.parse(body);
        UUID eventId = eventId(caller.workspace().id(), idempotencyKey);
        Instant now = Instant.now();
        RememberMemory command = new RememberMemory(eventId, remember.content(), remember.kind(), remember.tags(),
                remember.metadata(), remember.importance() == null ? 0.7 : remember.importance(),
                remember.sessionId(), "api", remember.createdAt() == null ? now : remember.createdAt(), remember.layer(),
                remember.memoryType(), remember.pinned(), remember.dedupe(), caller.userId());
        MeteredUnits.of(request).memoriesWritten(1);
        return writes.submit(caller, eventId, eventId, command, wait);
    }

    @PostMapping(path = "/recall")
    @RequiresScope(Scope.READ)
    ResponseEntity<byte[]> recall(@RequestBody(required = false) byte[] body,
            WorkspaceCaller caller, HttpServletRequest request) {
        ResponseEntity<byte[]> answer = recalls.recall(caller.workspace().id(), body == null ? new byte[0] : body);
        if (answer.getStatusCode().is2xxSuccessful()) {
            MeteredUnits.of(request).recalls(1);
        }
        return answer;
    }

    /**
     * With an Idempotency-Key the event id — and so the memory id — is a name-based UUID of the workspace and the
     * key, so a retried request produces the same event, which the ingest worker applies once.
     */
    private static UUID eventId(UUID workspaceId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_CHARS) {
            throw ApiException.invalidField("Idempotency-Key", "the Idempotency-Key header must be 1-" + MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        }
        return UUID.nameUUIDFromBytes(("remember\n" + workspaceId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
