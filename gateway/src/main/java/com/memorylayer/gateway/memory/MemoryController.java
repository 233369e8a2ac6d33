package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.schemas.api.ConsistencyToken;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Remember and recall on one workspace. */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class MemoryController {

    private static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;

    private final RememberRequestParser parser;
    private final MemoryCommandPublisher publisher;
    private final RecallForwarder recalls;

    MemoryController(RememberRequestParser parser, MemoryCommandPublisher publisher, RecallForwarder recalls) {
        this.parser = parser;
        this.publisher = publisher;
        this.recalls = recalls;
    }

    @PostMapping(path = "/memories", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<RememberAccepted> remember(@RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            WorkspaceCaller caller, HttpServletRequest request) {
        RememberRequest remember = parser.parse(body);
        UUID eventId = eventId(caller.workspace().id(), idempotencyKey);
        Instant now = Instant.now();
        RememberMemory command = new RememberMemory(eventId, remember.content(), remember.kind(), remember.tags(),
                remember.metadata(), remember.importance() == null ? 0.7 : remember.importance(),
                remember.sessionId(), "api", remember.createdAt() == null ? now : remember.createdAt());
        publisher.publish(EventEnvelope.wrap(eventId, EventSource.GATEWAY, now, caller.workspace().id(), caller.keyId(),
                eventId.toString(), command));
        MeteredUnits.of(request).memoriesWritten(1);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new RememberAccepted(eventId, new ConsistencyToken(caller.workspace().id(), eventId).encode(), "accepted"));
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
