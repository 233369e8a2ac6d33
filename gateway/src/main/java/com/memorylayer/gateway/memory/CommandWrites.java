package com.memorylayer.gateway.memory;

import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.api.ConsistencyTokens;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.reads.CommandOutcome;
import com.memorylayer.web.error.ApiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Every write's way in: the command goes into the event log (a 202 is only answered for a command the log holds),
 * and with {@code ?wait=true} the answer waits until the ingest worker applied it and says what it came to. Every
 * answer carries the command's consistency token, which a recall can wait for.
 *
 * <p>The wait is the query service's ({@code GET /commands/{id}?wait=true}), which owns the workspace tables and
 * bounds the waits per workspace and in all ({@code memorylayer.command-waits.*} there): past its bound, or past its
 * wait, it answers {@code pending} at once, and the write is answered 202.
 */
@Component
public class CommandWrites {

    private static final Logger log = LoggerFactory.getLogger(CommandWrites.class);

    private final MemoryCommandPublisher publisher;
    private final QueryReads query;
    private final ConsistencyTokens tokens;

    CommandWrites(MemoryCommandPublisher publisher, QueryReads query, ConsistencyTokens tokens) {
        this.publisher = publisher;
        this.query = query;
        this.tokens = tokens;
    }

    /**
     * Puts the command into the log and answers 202, or with {@code wait} 200 once it applied (202 if it did not
     * within the wait).
     *
     * @param memoryId the memory the command is about, answered as {@code id}; null for the many-memory commands
     */
    public ResponseEntity<Map<String, Object>> submit(WorkspaceCaller caller, UUID eventId, UUID memoryId,
            MemoryCommand command, boolean wait) {
        publisher.publish(EventEnvelope.wrap(eventId, EventSource.GATEWAY, Instant.now(), caller.workspace().id(),
                caller.keyId(), memoryId == null ? null : memoryId.toString(), command));
        // In the request's span: the ingest worker's "applied" line for this command carries the same trace id.
        log.info("accepted {} {} in workspace {}", command.type(), eventId, caller.workspace().id());
        Map<String, Object> answer = new LinkedHashMap<>();
        if (memoryId != null) {
            answer.put("id", memoryId);
        }
        answer.put("command_id", eventId);
        answer.put("consistency_token", tokens.issue(caller.workspace().id(), eventId, Instant.now()));
        Optional<CommandOutcome> applied = wait ? await(caller, eventId) : Optional.empty();
        if (applied.isEmpty()) {
            answer.put("status", "accepted");
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
        }
        answer.put("status", "applied");
        answer.put("outcome", applied.get().outcome());
        if (applied.get().result() != null) {
            answer.put("result", applied.get().result());
        }
        return ResponseEntity.ok(answer);
    }

    /**
     * What the command came to, once applied; empty if it is not applied within the query service's wait, at once
     * when the workspace already has as many writes waiting as it may, and when the query service cannot say: the
     * command is in the log, so the write is accepted whatever the read side answers.
     */
    public Optional<CommandOutcome> await(WorkspaceCaller caller, UUID eventId) {
        try {
            CommandOutcome outcome = query.get(caller.workspace().id(), "/commands/" + eventId + "?wait=true", CommandOutcome.class);
            return outcome.applied() ? Optional.of(outcome) : Optional.empty();
        } catch (ApiException e) {
            log.debug("waiting for command {} of {}: {}", eventId, caller.workspace().slug(), e.getMessage());
            return Optional.empty();
        }
    }
}
