package com.memorylayer.query.command;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.COMMAND_PROGRESS;

import com.memorylayer.query.reads.WorkspaceReadPool;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.reads.CommandOutcome;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * What a command came to: the ingest worker's record of it once applied (written in the same transaction as its
 * effect), else how far a workspace-wide maintenance command (dedupe, consolidate, batch and bulk forget, entity
 * alias and merge) got on the maintenance consumer. The applied record is one primary-key read on the main pool,
 * like the consistency poller's; the progress one on the workspace-read pool.
 */
@Component
class CommandOutcomes {

    private final WorkspaceDsl workspaces;
    private final WorkspaceReadPool reads;
    /** The progress state a maintenance command's row takes with its outcome. */
    private static final String DONE = "done";

    private final ObjectMapper mapper;

    CommandOutcomes(WorkspaceDsl workspaces, WorkspaceReadPool reads, ObjectMapper mapper) {
        this.workspaces = workspaces;
        this.reads = reads;
        this.mapper = mapper;
    }

    CommandOutcome of(UUID workspaceId, UUID commandId) {
        Optional<CommandOutcome> applied = applied(workspaceId, commandId);
        if (applied.isPresent()) {
            return applied.get();
        }
        CommandOutcome.Progress progress = progress(workspaceId, commandId);
        // The worker marks a maintenance command done in the transaction that records its outcome: "done" read after
        // the outcome was not found means that transaction committed in between, so the outcome is there now.
        if (progress != null && DONE.equals(progress.state())) {
            applied = applied(workspaceId, commandId);
            if (applied.isPresent()) {
                return applied.get();
            }
        }
        return new CommandOutcome(commandId, CommandOutcome.PENDING, null, null, null, progress);
    }

    private Optional<CommandOutcome> applied(UUID workspaceId, UUID commandId) {
        return workspaces.in(WorkspaceSchemaName.of(workspaceId))
                .select(APPLIED_EVENTS.OUTCOME, APPLIED_EVENTS.MEMORY_ID, APPLIED_EVENTS.RESULT)
                .from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(commandId))
                .fetchOptional(r -> new CommandOutcome(commandId, CommandOutcome.APPLIED, r.value1() == null ? "stored" : r.value1(),
                        r.value2(), r.value3() == null ? null : mapper.readTree(r.value3().data()), null));
    }

    private CommandOutcome.Progress progress(UUID workspaceId, UUID commandId) {
        return reads.in(workspaceId).selectFrom(COMMAND_PROGRESS).where(COMMAND_PROGRESS.EVENT_ID.eq(commandId))
                .fetchOptional(row -> new CommandOutcome.Progress(row.getState(), row.getStep(), row.getDone(), row.getTotal(),
                        row.getQueuedAt(), row.getUpdatedAt()))
                .orElse(null);
    }
}
