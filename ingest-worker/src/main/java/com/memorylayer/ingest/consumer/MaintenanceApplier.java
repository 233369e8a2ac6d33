package com.memorylayer.ingest.consumer;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.COMMAND_PROGRESS;

import com.memorylayer.ingest.curation.Applied;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.curation.CommandSamples;
import com.memorylayer.ingest.curation.MaintenanceTx;
import com.memorylayer.ingest.curation.WorkspaceTx;
import com.memorylayer.ingest.persistence.ChangedMemory;
import com.memorylayer.ingest.persistence.RefusedValues;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies one workspace-wide maintenance command on the maintenance consumer, within the bounds of
 * {@link MaintenanceProperties}: reads without the workspace's write lock, writes in short transactions (each
 * announced once it commits), and records progress in {@code command_progress} as it goes, so that
 * {@code GET /commands/{id}} can say how far a long pass got. The outcome and result go into {@code applied_events}
 * in the pass's last transaction, with the progress marked done: until then the command reads as pending.
 *
 * <p>The command was queued ({@link #queue}) in the transaction that applied every command its workspace accepted
 * before it, and only then forwarded, so it never runs ahead of them. A redelivered command already applied changes
 * nothing; one that a crash interrupted runs again from the start, and finds done what its committed chunks did.
 */
@Component
public class MaintenanceApplier {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceApplier.class);
    /** Postgres' query_canceled, which a statement past its statement_timeout fails with. */
    private static final String QUERY_CANCELED = "57014";

    private final WorkspaceLedger ledger;
    private final CommandDispatcher dispatcher;
    private final MaintenanceProperties properties;

    public MaintenanceApplier(WorkspaceLedger ledger, CommandDispatcher dispatcher, MaintenanceProperties properties) {
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    /** Marks a maintenance command queued, in the transaction of the commands accepted before it. */
    static void queue(DSLContext dsl, EventEnvelope event, MemoryCommand command, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        dsl.insertInto(COMMAND_PROGRESS)
                .set(COMMAND_PROGRESS.EVENT_ID, event.id())
                .set(COMMAND_PROGRESS.EVENT_TYPE, command.type())
                .set(COMMAND_PROGRESS.STATE, "queued")
                .set(COMMAND_PROGRESS.QUEUED_AT, at)
                .set(COMMAND_PROGRESS.UPDATED_AT, at)
                .onConflictDoNothing()
                .execute();
    }

    /**
     * Runs the command unless its workspace already applied it.
     *
     * @param announce called with the memories each write changed, after it commits
     */
    public void apply(EventEnvelope event, Consumer<List<ChangedMemory>> announce) {
        UUID workspace = event.workspace();
        MemoryCommand command = event.dataAs(MemoryCommand.class);
        if (!ledger.alreadyApplied(workspace, List.of(event.id())).isEmpty()) {
            return;
        }
        Pass pass = new Pass(event, command, announce);
        ledger.in(workspace).transaction(c -> {
            queue(c.dsl(), event, command, pass.started);
            pass.progress(c.dsl(), "started", 0, null);
        });
        Applied applied;
        try {
            applied = dispatcher.maintain(pass, command);
        } catch (RuntimeException e) {
            // Neither cures itself on a retry, and a retried pass would hold the maintenance partition for ever.
            String reason = RefusedValues.isRefusedValue(e) ? "invalid_value" : timedOut(e) ? "statement_timeout" : null;
            if (reason == null) {
                throw e;
            }
            log.warn("maintenance command {} of workspace {} ends as rejected:{}: {}", event.id(), workspace, reason, e.getMessage());
            applied = Applied.rejected(null, reason);
        }
        Applied outcome = applied;
        ledger.in(workspace).transaction(c -> {
            WorkspaceLedger.lockWrites(c.dsl(), workspace);
            if (MemoryCommandApplier.claim(c.dsl(), event, command)) {
                MemoryCommandApplier.record(c.dsl(), event, outcome);
                // The pass read its sample long before this: what was erased meanwhile must not be shown.
                CommandSamples.scrubErased(c.dsl(), event.id());
            }
            c.dsl().update(COMMAND_PROGRESS).set(COMMAND_PROGRESS.STATE, "done")
                    .set(COMMAND_PROGRESS.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(COMMAND_PROGRESS.EVENT_ID.eq(event.id())).execute();
        });
        log.debug("maintenance command {} ({}) of workspace {} applied in {} ms", event.id(), command.type(), workspace,
                (System.nanoTime() - pass.startNanos) / 1_000_000);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** One command's pass: its transactions, its progress and its time bound. */
    private final class Pass implements MaintenanceTx {

        private final EventEnvelope event;
        private final MemoryCommand command;
        private final Consumer<List<ChangedMemory>> announce;
        private final Instant started = Instant.now();
        private final long startNanos = System.nanoTime();

        Pass(EventEnvelope event, MemoryCommand command, Consumer<List<ChangedMemory>> announce) {
            this.event = event;
            this.command = command;
            this.announce = announce;
        }

        @Override
        public <T> T read(Function<WorkspaceTx, T> work) {
            return ledger.in(event.workspace()).transactionResult(c -> {
                bounded(c.dsl());
                return work.apply(tx(c.dsl()));
            });
        }

        @Override
        public List<Applied.ChangedMemory> write(Function<WorkspaceTx, List<Applied.ChangedMemory>> work) {
            List<Applied.ChangedMemory> changes = ledger.in(event.workspace()).transactionResult(c -> {
                WorkspaceLedger.lockWrites(c.dsl(), event.workspace());
                bounded(c.dsl());
                WorkspaceTx tx = tx(c.dsl());
                List<Applied.ChangedMemory> changed = work.apply(tx);
                if (CommandDispatcher.followsGraph(command)) {
                    dispatcher.followGraph(tx, new Applied(WriteOutcome.UPDATED, null, null, changed, null));
                }
                return changed;
            });
            List<ChangedMemory> announced = new ArrayList<>(changes.size());
            for (Applied.ChangedMemory change : changes) {
                announced.add(new ChangedMemory(event.workspace(), change.memoryId(), event.id(), change.change(),
                        change.outcome(), change.changeSeq()));
            }
            if (!announced.isEmpty()) {
                announce.accept(announced);
            }
            return changes;
        }

        @Override
        public void progress(String step, long done, Long total) {
            ledger.in(event.workspace()).transaction(c -> progress(c.dsl(), step, done, total));
        }

        void progress(DSLContext dsl, String step, long done, Long total) {
            dsl.update(COMMAND_PROGRESS).set(COMMAND_PROGRESS.STATE, "running").set(COMMAND_PROGRESS.STEP, step)
                    .set(COMMAND_PROGRESS.DONE, done).set(COMMAND_PROGRESS.TOTAL, total)
                    .set(COMMAND_PROGRESS.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(COMMAND_PROGRESS.EVENT_ID.eq(event.id())).execute();
        }

        @Override
        public boolean timeUp() {
            return System.nanoTime() - startNanos > properties.maxDuration().toNanos();
        }

        @Override
        public OffsetDateTime startedUtc() {
            return started.atOffset(ZoneOffset.UTC);
        }

        @Override
        public int maxRows() {
            return properties.maxRows();
        }

        @Override
        public int rowsPerTransaction() {
            return properties.rowsPerTransaction();
        }

        @Override
        public int maxComparedMemories() {
            return properties.maxComparedMemories();
        }

        private WorkspaceTx tx(DSLContext dsl) {
            return new WorkspaceTx(dsl, event.workspace(), event, CommandDispatcher.actorOf(command), Instant.now());
        }

        private void bounded(DSLContext dsl) {
            dsl.setLocal(DSL.name("statement_timeout"), DSL.inline(properties.statementTimeout().toMillis())).execute();
        }
    }
}
