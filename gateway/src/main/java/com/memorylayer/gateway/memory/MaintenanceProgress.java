package com.memorylayer.gateway.memory;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.COMMAND_PROGRESS;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.tenant.WorkspaceReadDsl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How far a workspace-wide maintenance command (dedupe, consolidate, batch and bulk forget, entity alias and merge)
 * got on the ingest worker's maintenance consumer, while it is not yet applied: {@code state} ({@code queued} behind
 * the commands accepted before it, {@code running}, or {@code done}), the {@code step} it is in, {@code done} of
 * {@code total} (null while unknown), {@code queued_at} and {@code updated_at}. One primary-key read, on the pool of
 * workspace reads like every other read of {@code GET /commands/{id}}.
 */
@Component
class MaintenanceProgress {

    private final WorkspaceReadDsl workspaces;

    MaintenanceProgress(WorkspaceReadDsl workspaces) {
        this.workspaces = workspaces;
    }

    Optional<Map<String, Object>> of(WorkspaceCaller caller, UUID commandId) {
        return workspaces.in(caller.workspace()).selectFrom(COMMAND_PROGRESS)
                .where(COMMAND_PROGRESS.EVENT_ID.eq(commandId)).fetchOptional(row -> {
                    Map<String, Object> progress = new LinkedHashMap<>();
                    progress.put("state", row.getState());
                    progress.put("step", row.getStep());
                    progress.put("done", row.getDone());
                    progress.put("total", row.getTotal());
                    progress.put("queued_at", row.getQueuedAt().toInstant().toString());
                    progress.put("updated_at", row.getUpdatedAt().toInstant().toString());
                    return progress;
                });
    }
}
