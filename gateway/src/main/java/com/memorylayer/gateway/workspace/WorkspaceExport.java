package com.memorylayer.gateway.workspace;

import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlots;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Component;

/**
 * A workspace's export (JSON lines: its memories with their history and notes, then its sessions' diary lines),
 * which the query service reads and streams; the gateway passes it through as it comes, never holding it whole.
 * At most {@code memorylayer.workspaces.max-concurrent-exports} run at once on the gateway, and at most
 * {@code max-concurrent-exports-per-workspace} of one workspace, so that one tenant's slow exports cannot take every
 * slot; more are refused with 503 and Retry-After.
 *
 * <p>Streamed through {@link QueryForwarder#stream}, routed to the workspace's query replica like every read; the
 * forwarder's other calls read each answer whole.
 */
@Component
public class WorkspaceExport {

    /** How an export line that is a diary line, not a memory, says so; memory lines carry no {@code record}. */
    public static final String DIARY_RECORD = "diary";

    private static final long RETRY_AFTER_SECONDS = 10;

    private final QueryReads answers;
    private final WorkspaceSlots slots;
    private final int maxConcurrent;
    private final int maxPerWorkspace;
    private final QueryForwarder forwarder;

    public WorkspaceExport(QueryReads answers, WorkspaceProperties properties, QueryForwarder forwarder) {
        this.answers = answers;
        this.maxConcurrent = properties.maxConcurrentExports();
        this.maxPerWorkspace = properties.maxConcurrentExportsPerWorkspace();
        this.slots = new WorkspaceSlots(maxConcurrent, maxPerWorkspace);
        this.forwarder = forwarder;
    }

    /** Exports streaming through this gateway now. */
    public int running() {
        return slots.held();
    }

    /** Takes one of the workspace's export slots and one of the gateway's, or refuses at once: call before the response is committed. */
    public WorkspaceSlots.Slot begin(Workspace workspace) {
        return slots.take(workspace.id(),
                () -> new ApiException(ErrorCode.EXPORTS_BUSY, maxPerWorkspace + " exports of this workspace are running, as many "
                        + "as one workspace may run at once; retry once one ends").retryAfter(RETRY_AFTER_SECONDS),
                () -> new ApiException(ErrorCode.EXPORTS_BUSY, maxConcurrent + " exports are running, as many as run at once; "
                        + "retry shortly").retryAfter(RETRY_AFTER_SECONDS));
    }

    /**
     * Opens the export: the query service's stream once it answered 200; its refusal (a busy or timed-out read, say)
     * as the same {@link ApiException}, while nothing is written yet.
     */
    public InputStream open(Workspace workspace) {
        HttpResponse<InputStream> response = forwarder.stream(workspace.id(), "/export");
        if (response.statusCode() == 200) {
            return response.body();
        }
        try (InputStream body = response.body()) {
            throw answers.refusal(response.statusCode(), body.readAllBytes());
        } catch (IOException e) {
            throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the query service answered " + response.statusCode());
        }
    }

    /** Copies the opened export to the client as it comes. */
    public void write(InputStream export, OutputStream out) throws IOException {
        try (export) {
            export.transferTo(out);
        }
    }
}
