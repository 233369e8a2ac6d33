package com.memorylayer.query.recall;

import com.memorylayer.query.consistency.ConsistencyWaits;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.api.SessionRecallHeader;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query service's recall route. It is internal: only the gateway calls it, after authenticating the key
 * and resolving the workspace, so it takes a workspace id rather than a slug and sees no credentials. The gateway says
 * whether the caller may write ({@link SessionRecallHeader}); only then does a named session's handoff list the query.
 */
@RestController
class RecallController {

    private final RecallRequestParser parser;
    private final Recaller recaller;
    private final ExistingWorkspaces catalog;
    private final ConsistencyWaits consistency;

    RecallController(RecallRequestParser parser, Recaller recaller, ExistingWorkspaces catalog,
            ConsistencyWaits consistency) {
        this.parser = parser;
        this.recaller = recaller;
        this.catalog = catalog;
        this.consistency = consistency;
    }

    /** Asynchronous, so a recall waiting for its write holds no request thread. */
    @PostMapping("/internal/v1/workspaces/{workspaceId}/recall")
    CompletableFuture<RecallResponse> recall(@PathVariable UUID workspaceId, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = SessionRecallHeader.NAME, defaultValue = "false") boolean sessionWrites) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace");
        }
        RecallRequest parsed = parser.parse(body);
        // The session id only lists the query in the session's handoff; a read-only caller's recall must not. A writer's
        // recall naming no session is listed in the shared one, as the session tools' default is.
        RecallRequest request = sessionWrites ? parsed.inSharedSessionUnlessNamed() : parsed.withoutSession();
        if (request.consistencyToken() == null) {
            return CompletableFuture.completedFuture(recaller.recall(workspaceId, request));
        }
        return consistency.afterApplied(workspaceId, request.consistencyToken(), () -> recaller.recall(workspaceId, request));
    }
}
