package com.memorylayer.gateway.workspace;

import com.memorylayer.gateway.reads.QueryReads;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.reads.stats.MemoryTotal;
import org.springframework.stereotype.Component;

/** Figures about one workspace's memories, counted by the query service. */
@Component
public class WorkspaceStats {

    private final QueryReads reads;

    public WorkspaceStats(QueryReads reads) {
        this.reads = reads;
    }

    /** Memories not forgotten (erased ones are gone altogether). */
    public int memoryCount(Workspace workspace) {
        return reads.get(workspace.id(), "/stats/memory-count", MemoryTotal.class).memories();
    }
}
