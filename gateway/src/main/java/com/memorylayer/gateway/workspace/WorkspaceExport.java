package com.memorylayer.gateway.workspace;

import com.memorylayer.gateway.memory.QueryAnswers;
import com.memorylayer.gateway.memory.QueryServiceProperties;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlots;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.springframework.stereotype.Component;

/**
 * A workspace's export (JSON lines: its memories with their history and notes, then its sessions' diary lines),
 * which the query service reads and streams; the gateway passes it through as it comes, never holding it whole.
 * At most {@code memorylayer.workspaces.max-concurrent-exports} run at once on the gateway, and at most
 * {@code max-concurrent-exports-per-workspace} of one workspace, so that one tenant's slow exports cannot take every
 * slot; more are refused with 503 and Retry-After.
 *
 * <p>Its own small HTTP call to the query service ({@code memorylayer.query.url}), for {@code RecallForwarder} reads
 * each answer whole.
 */
@Component
public class WorkspaceExport {

    /** How an export line that is a diary line, not a memory, says so; memory lines carry no {@code record}. */
    public static final String DIARY_RECORD = "diary";

    private static final long RETRY_AFTER_SECONDS = 10;

    private final QueryAnswers answers;
    private final WorkspaceSlots slots;
    private final int maxConcurrent;
    private final int maxPerWorkspace;
    private final HttpClient http;
    private final QueryServiceProperties queryService;

    public WorkspaceExport(QueryAnswers answers, WorkspaceProperties properties, QueryServiceProperties queryService) {
        this.answers = answers;
        this.maxConcurrent = properties.maxConcurrentExports();
        this.maxPerWorkspace = properties.maxConcurrentExportsPerWorkspace();
        this.slots = new WorkspaceSlots(maxConcurrent, maxPerWorkspace);
        this.queryService = queryService;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(queryService.connectTimeout()).build();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryService.url() + "/internal/v1/workspaces/" + workspace.id() + "/export"))
                .timeout(queryService.readTimeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the export was interrupted; retry shortly");
        } catch (IOException e) {
            throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, e instanceof HttpTimeoutException
                    ? "the query service did not answer in time; retry shortly" : "the query service is not answering; retry shortly");
        }
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
