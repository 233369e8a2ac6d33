package com.memorylayer.query.export;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.jooq.workspace_template.tables.records.MemoriesRecord;
import com.memorylayer.web.error.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A workspace's export as JSON lines, streamed as it is read: the gateway passes it through to the client without
 * holding it whole, and holds the export slots (per workspace and in all) while it runs.
 */
@RestController
class ExportController {

    static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson");

    private final WorkspaceExport export;
    private final ExistingWorkspaces catalog;

    ExportController(WorkspaceExport export, ExistingWorkspaces catalog) {
        this.export = export;
        this.catalog = catalog;
    }

    @GetMapping("/internal/v1/workspaces/{workspaceId}/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable UUID workspaceId) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no such workspace");
        }
        List<MemoriesRecord> first = export.firstPage(workspaceId);
        return ResponseEntity.ok().contentType(JSON_LINES).body(out -> export.write(workspaceId, first, out));
    }
}
