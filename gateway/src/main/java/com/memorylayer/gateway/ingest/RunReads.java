package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.schemas.reads.ingest.IngestRunList;
import com.memorylayer.schemas.reads.ingest.IngestRunView;
import com.memorylayer.schemas.reads.ingest.RunItems;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Runs as the query service reads them back: the control plane's ledger beside what the ingest worker recorded of
 * the items in the workspace's schema. The gateway writes the ledger ({@link IngestRuns}) but reads no workspace
 * table.
 */
@Component
public class RunReads {

    private final QueryReads reads;
    private final IngestProperties properties;

    RunReads(QueryReads reads, IngestProperties properties) {
        this.reads = reads;
        this.properties = properties;
    }

    /** The run with its first rejected items ({@code memorylayer.ingest.errors-shown}). */
    IngestRunView run(UUID workspaceId, UUID runId) {
        return reads.get(workspaceId, "/ingest/runs/" + runId + "?errors=" + properties.errorsShown(), IngestRunView.class);
    }

    /** Newest first, after the cursor's run if one is given; without their errors. */
    List<IngestRunView> list(UUID workspaceId, int limit, Instant afterTime, UUID afterId) {
        String after = afterTime == null ? "" : "&after_time=" + afterTime + "&after_id=" + afterId;
        return reads.get(workspaceId, "/ingest/runs?limit=" + limit + after, IngestRunList.class).runs();
    }

    /** The newest runs, each with its first rejected items: for the dashboard's runs page. */
    public List<IngestRunView> recent(UUID workspaceId, int limit) {
        return reads.get(workspaceId, "/ingest/runs?limit=" + limit + "&errors=" + properties.errorsShown(), IngestRunList.class).runs();
    }

    /**
     * The items' outcomes by index after {@code afterIndex}.
     *
     * @param outcome {@code stored}, {@code merged}, {@code rejected}, or null for all
     */
    List<RunItems.Item> items(UUID workspaceId, UUID runId, String outcome, int afterIndex, int limit) {
        String which = outcome == null ? "" : "&outcome=" + outcome;
        return reads.get(workspaceId, "/ingest/runs/" + runId + "/items?after=" + afterIndex + "&limit=" + limit + which,
                RunItems.class).items();
    }
}
