package com.memorylayer.gateway.workspace;

import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.reads.stats.MemoryTotal;
import com.memorylayer.web.error.ApiException;
import org.springframework.stereotype.Component;

/** Figures about one workspace's memories, counted by the query service. */
@Component
public class WorkspaceStats {

    private final QueryReads reads;

    public WorkspaceStats(QueryReads reads) {
        this.reads = reads;
    }

    /**
     * Memories not forgotten (erased ones are gone altogether); null while the query service does not answer, so that
     * the control plane's answers (a workspace's details, the dashboard's overview) never depend on the read side.
     */
    public Integer memoryCount(Workspace workspace) {
        try {
            return reads.get(workspace.id(), "/stats/memory-count", MemoryTotal.class).memories();
        } catch (ApiException e) {
            if (e.code() == ErrorCode.QUERY_SERVICE_UNAVAILABLE) {
                return null;
            }
            throw e;
        }
    }
}
