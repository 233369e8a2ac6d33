package com.memorylayer.query.command;

import com.memorylayer.query.consistency.ConsistencyWaits;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.reads.CommandOutcome;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a write came to, by its command id ({@code GET /commands/{id}} on the gateway), and a write's
 * {@code ?wait=true}: the gateway publishes the command, then asks here with {@code wait=true}, which answers once the
 * command is applied, or {@code pending} when it is not within the wait or the workspace already has as many writes
 * waiting as it may ({@code memorylayer.command-waits.*}). Asynchronous: a waiting write holds no thread here.
 */
@RestController
class CommandController {

    private final CommandOutcomes outcomes;
    private final ConsistencyWaits waits;
    private final ExistingWorkspaces catalog;

    CommandController(CommandOutcomes outcomes, ConsistencyWaits waits, ExistingWorkspaces catalog) {
        this.outcomes = outcomes;
        this.waits = waits;
        this.catalog = catalog;
    }

    @GetMapping("/internal/v1/workspaces/{workspaceId}/commands/{commandId}")
    CompletableFuture<CommandOutcome> command(@PathVariable UUID workspaceId, @PathVariable UUID commandId,
            @RequestParam(defaultValue = "false") boolean wait) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace");
        }
        if (!wait) {
            return CompletableFuture.completedFuture(outcomes.of(workspaceId, commandId));
        }
        return waits.whenApplied(workspaceId, commandId).thenApply(applied -> outcomes.of(workspaceId, commandId));
    }
}
