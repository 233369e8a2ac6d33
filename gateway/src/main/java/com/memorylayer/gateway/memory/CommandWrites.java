package com.memorylayer.gateway.memory;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.api.ConsistencyTokens;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.MemoryCommand;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Every write's way in: the command goes into the event log (a 202 is only answered for a command the log holds),
 * and with {@code ?wait=true} the answer waits until the ingest worker applied it and says what it came to. Every
 * answer carries the command's consistency token, which a recall can wait for.
 */
@Component
public class CommandWrites {

    private static final long POLL_MILLIS = 15;

    private final MemoryCommandPublisher publisher;
    private final WorkspaceDsl workspaces;
    private final MemoryProperties properties;
    private final ObjectMapper mapper;
    private final ConsistencyTokens tokens;
    /** Writes waiting to be applied, per workspace: past the cap a write answers 202 at once instead of waiting. */
    private final Map<UUID, AtomicInteger> waiting = new ConcurrentHashMap<>();

    CommandWrites(MemoryCommandPublisher publisher, WorkspaceDsl workspaceDsl, MemoryProperties properties, ObjectMapper mapper,
            ConsistencyTokens tokens) {
        this.publisher = publisher;
        this.workspaces = workspaceDsl;
        this.properties = properties;
        this.mapper = mapper;
        this.tokens = tokens;
    }

    /** What the worker recorded for an applied command. @param result null for the single-memory writes */
    public record AppliedCommand(String outcome, UUID memoryId, Object result) {
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
        Map<String, Object> answer = new LinkedHashMap<>();
        if (memoryId != null) {
            answer.put("id", memoryId);
        }
        answer.put("command_id", eventId);
        answer.put("consistency_token", tokens.issue(caller.workspace().id(), eventId, Instant.now()));
        Optional<AppliedCommand> applied = wait ? await(caller, eventId) : Optional.empty();
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
     * What the command came to, once applied; empty if it is not applied within the wait, or at once when the
     * workspace already has {@code memorylayer.memory.max-waits-per-workspace} writes waiting (a wait holds a request
     * thread, and 202 is an answer the caller handles anyway).
     */
    public Optional<AppliedCommand> await(WorkspaceCaller caller, UUID eventId) {
        AtomicInteger count = waiting.computeIfAbsent(caller.workspace().id(), k -> new AtomicInteger());
        if (count.incrementAndGet() > properties.maxWaitsPerWorkspace()) {
            count.decrementAndGet();
            return applied(caller, eventId);
        }
        try {
            return poll(caller, eventId);
        } finally {
            count.decrementAndGet();
        }
    }

    private Optional<AppliedCommand> poll(WorkspaceCaller caller, UUID eventId) {
        long deadline = System.nanoTime() + properties.waitTimeout().toNanos();
        while (true) {
            Optional<AppliedCommand> applied = applied(caller, eventId);
            if (applied.isPresent() || System.nanoTime() > deadline) {
                return applied;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The command's record in its workspace, if the worker applied it. */
    public Optional<AppliedCommand> applied(WorkspaceCaller caller, UUID eventId) {
        return workspaces.in(caller.workspace().schema())
                .select(APPLIED_EVENTS.OUTCOME, APPLIED_EVENTS.MEMORY_ID, APPLIED_EVENTS.RESULT)
                .from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(eventId))
                .fetchOptional(r -> new AppliedCommand(r.value1() == null ? "stored" : r.value1(), r.value2(),
                        r.value3() == null ? null : mapper.readTree(r.value3().data())));
    }
}
