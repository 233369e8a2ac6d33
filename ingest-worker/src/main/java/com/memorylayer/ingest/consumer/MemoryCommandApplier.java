package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.curation.Applied;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.curation.WorkspaceTx;
import com.memorylayer.ingest.persistence.ChangedMemory;
import com.memorylayer.ingest.persistence.RefusedValues;
import com.memorylayer.ingest.persistence.StoredMemory;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one polled batch of commands: skips those already applied, embeds every text the rest carry in one
 * batched inference call (the embedder is the ingest path's bottleneck, and batching is where its throughput comes
 * from), then applies each workspace's commands, in the order they were accepted, in one transaction. Each command
 * claims its event id in {@code applied_events} first and records its outcome there, so it is applied once
 * whatever is redelivered, and any client can later ask what it came to. A workspace-wide maintenance command is not
 * applied here but queued ({@link MaintenanceApplier}): this thread applies every workspace's interactive commands.
 */
@Component
class MemoryCommandApplier {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MemoryCommandApplier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TextEmbedder embedder;
    private final WorkspaceLedger ledger;
    private final CommandDispatcher dispatcher;

    MemoryCommandApplier(TextEmbedder embedder, WorkspaceLedger ledger, CommandDispatcher dispatcher) {
        this.embedder = embedder;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
    }

    /**
     * What a batch came to: the remembers as stored, the memories other commands changed, and the maintenance
     * commands queued behind them, to be forwarded to the maintenance consumer once this batch is committed.
     */
    record AppliedBatch(List<StoredMemory> stored, List<ChangedMemory> changed, List<EventEnvelope> queued,
            List<AppliedCommand> applied) {

        AppliedBatch() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** One command applied: its type and the kind of its outcome ({@link WriteOutcome#kind()}), for the metrics. */
    record AppliedCommand(UUID eventId, UUID workspace, String type, String outcome) {
    }

    AppliedBatch apply(List<EventEnvelope> commands) {
        Map<UUID, List<EventEnvelope>> byWorkspace = new LinkedHashMap<>();
        for (EventEnvelope command : commands) {
            byWorkspace.computeIfAbsent(command.workspace(), w -> new ArrayList<>()).add(command);
        }
        Map<UUID, List<EventEnvelope>> toApply = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        List<UUID> textOwners = new ArrayList<>();
        byWorkspace.forEach((workspace, events) -> {
            Set<UUID> applied = ledger.alreadyApplied(workspace, events.stream().map(EventEnvelope::id).toList());
            List<EventEnvelope> fresh = events.stream().filter(e -> !applied.contains(e.id())).toList();
            toApply.put(workspace, fresh);
            for (EventEnvelope event : fresh) {
                String text = CommandDispatcher.textOf(event.dataAs(MemoryCommand.class));
                if (text != null) {
                    texts.add(text);
                    textOwners.add(event.id());
                }
            }
        });
        long embedStart = System.nanoTime();
        float[][] vectors = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
        Map<UUID, float[]> vectorOf = new HashMap<>();
        for (int i = 0; i < vectors.length; i++) {
            vectorOf.put(textOwners.get(i), vectors[i]);
        }
        long embedMs = (System.nanoTime() - embedStart) / 1_000_000;
        long writeStart = System.nanoTime();
        AppliedBatch result = new AppliedBatch();
        toApply.forEach((workspace, events) -> {
            if (!events.isEmpty()) {
                applyWorkspace(workspace, events, vectorOf, result);
            }
        });
        log.debug("embedded {} texts in {} ms, applied {} commands in {} ms", texts.size(), embedMs,
                commands.size(), (System.nanoTime() - writeStart) / 1_000_000);
        return result;
    }

    /**
     * One workspace's share in one transaction. When Postgres refuses a value itself (a data or constraint error,
     * which no retry can cure), the commands are applied one by one and only the refused ones are recorded as
     * {@code rejected:invalid_value}: batches are otherwise retried until they apply, and one such command would
     * stop ingest for everyone.
     */
    private void applyWorkspace(UUID workspace, List<EventEnvelope> events, Map<UUID, float[]> vectors, AppliedBatch result) {
        RefusedValues.applyRefusingAlone(events, some -> {
            AppliedBatch one = inTransaction(workspace, some, vectors);
            result.stored().addAll(one.stored());
            result.changed().addAll(one.changed());
            result.queued().addAll(one.queued());
            result.applied().addAll(one.applied());
        }, (event, e) -> {
            log.error("rejecting command {} of workspace {}: Postgres refuses its values ({})", event.id(), workspace, e.getMessage());
            recordRefused(workspace, event, result);
        });
    }

    private AppliedBatch inTransaction(UUID workspace, List<EventEnvelope> events, Map<UUID, float[]> vectors) {
        return ledger.in(workspace).transactionResult(c -> {
            WorkspaceLedger.lockWrites(c.dsl(), workspace);
            AppliedBatch batch = new AppliedBatch();
            Instant now = Instant.now();
            for (EventEnvelope event : events) {
                MemoryCommand command = event.dataAs(MemoryCommand.class);
                if (CommandDispatcher.isMaintenance(command)) {
                    // Queued in the transaction that applies the commands accepted before it, and forwarded once
                    // that commits: the maintenance consumer never runs it ahead of them.
                    MaintenanceApplier.queue(c.dsl(), event, command, now);
                    batch.queued().add(event);
                    continue;
                }
                if (!claim(c.dsl(), event, command)) {
                    // The same command twice in one batch: the second copy changes nothing.
                    if (command instanceof RememberMemory remember) {
                        batch.stored().add(new StoredMemory(workspace, remember.memoryId(), event.id(),
                                currentSeq(c.dsl(), remember.memoryId()), false, WriteOutcome.STORED.wire()));
                    }
                    continue;
                }
                WorkspaceTx tx = new WorkspaceTx(c.dsl(), workspace, event, CommandDispatcher.actorOf(command), now);
                Applied applied = dispatcher.apply(tx, command, vectors.get(event.id()), embedder.modelName());
                record(c.dsl(), event, applied);
                batch.applied().add(new AppliedCommand(event.id(), workspace, command.type(), applied.outcome().kind()));
                collect(workspace, event, command, applied, batch);
            }
            return batch;
        });
    }

    /** Claims the command's event id; false when this workspace already applied it. */
    static boolean claim(DSLContext dsl, EventEnvelope event, MemoryCommand command) {
        return dsl.insertInto(APPLIED_EVENTS)
                .set(APPLIED_EVENTS.EVENT_ID, event.id())
                .set(APPLIED_EVENTS.EVENT_TYPE, command.type())
                .set(APPLIED_EVENTS.MEMORY_ID, CommandDispatcher.memoryOf(command))
                .onConflictDoNothing()
                .execute() == 1;
    }

    static void record(DSLContext dsl, EventEnvelope event, Applied applied) {
        dsl.update(APPLIED_EVENTS)
                .set(APPLIED_EVENTS.OUTCOME, applied.outcome().wire())
                .set(APPLIED_EVENTS.MEMORY_ID, applied.memoryId())
                .set(APPLIED_EVENTS.RESULT, applied.result() == null ? null : JSONB.valueOf(JSON.writeValueAsString(applied.result())))
                .where(APPLIED_EVENTS.EVENT_ID.eq(event.id()))
                .execute();
    }

    private static void collect(UUID workspace, EventEnvelope event, MemoryCommand command, Applied applied,
            AppliedBatch batch) {
        if (applied.stored() != null) {
            Applied.StoredMemory s = applied.stored();
            batch.stored().add(new StoredMemory(workspace, s.memoryId(), event.id(), s.changeSeq(), s.created(), s.outcome()));
        } else if (command instanceof RememberMemory remember && applied.outcome().isRejected()) {
            batch.stored().add(new StoredMemory(workspace, remember.memoryId(), event.id(), 0, false, applied.outcome().wire()));
        }
        for (Applied.ChangedMemory change : applied.changes()) {
            batch.changed().add(new ChangedMemory(workspace, change.memoryId(), event.id(), change.change(), change.outcome(),
                    change.changeSeq()));
        }
        if (applied.outcome().isRejected() && applied.memoryId() != null && !(command instanceof RememberMemory)) {
            batch.changed().add(new ChangedMemory(workspace, applied.memoryId(), event.id(), CommandDispatcher.changeOf(command),
                    applied.outcome().wire(), 0));
        }
    }

    /** A command Postgres refuses is recorded as rejected, in a transaction of its own, so its outcome can be asked for. */
    private void recordRefused(UUID workspace, EventEnvelope event, AppliedBatch result) {
        MemoryCommand command = event.dataAs(MemoryCommand.class);
        Applied refused = Applied.rejected(CommandDispatcher.memoryOf(command), "invalid_value");
        ledger.in(workspace).transaction(c -> {
            WorkspaceLedger.lockWrites(c.dsl(), workspace);
            if (claim(c.dsl(), event, command)) {
                record(c.dsl(), event, refused);
            }
        });
        collect(workspace, event, command, refused, result);
        result.applied().add(new AppliedCommand(event.id(), workspace, command.type(), refused.outcome().kind()));
    }

    private static long currentSeq(DSLContext dsl, UUID memoryId) {
        Long seq = dsl.select(MEMORIES.CHANGE_SEQ).from(MEMORIES).where(MEMORIES.ID.eq(memoryId)).fetchOne(MEMORIES.CHANGE_SEQ);
        return seq == null ? 0 : seq;
    }
}
