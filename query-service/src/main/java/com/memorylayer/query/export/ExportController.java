package com.memorylayer.query.export;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's export as JSON lines, streamed as it is read: the gateway passes it through to the client without
 * holding it whole, and holds the export slots (per workspace and in all) while it runs. Written on the request
 * thread rather than as an asynchronous body: an export of a big workspace outlasts the asynchronous request timeout,
 * and the gateway's slots already bound how many run at once.
 */
@RestController
class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);

    private final WorkspaceExport export;
    private final ExistingWorkspaces catalog;

    ExportController(WorkspaceExport export, ExistingWorkspaces catalog) {
        this.export = export;
        this.catalog = catalog;
    }

    @GetMapping("/internal/v1/workspaces/{workspaceId}/export")
    void export(@PathVariable UUID workspaceId, HttpServletResponse response) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace");
        }
        // Read before the answer starts, so that a busy or failing read is still an error answer.
        List<MemoriesRecord> first = export.firstPage(workspaceId);
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        try {
            export.write(workspaceId, first, response.getOutputStream());
        } catch (IOException e) {
            // The gateway (its client) went away mid-download: nothing to answer.
            log.debug("export of {} ended early: {}", workspaceId, e.toString());
        }
    }
}
