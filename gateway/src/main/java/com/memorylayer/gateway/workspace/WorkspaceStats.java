package com.memorylayer.gateway.workspace;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceReadDsl;
import com.memorylayer.schemas.memory.MemoryStatus;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Figures about one workspace's memories, read from its own schema. */
@Component
public class WorkspaceStats {

    private final WorkspaceReadDsl workspaces;

    public WorkspaceStats(WorkspaceReadDsl workspaces) {
        this.workspaces = workspaces;
    }

    /** Memories not forgotten (erased ones are gone altogether). */
    public int memoryCount(Workspace workspace) {
        DSLContext dsl = workspaces.in(workspace);
        return dsl.fetchCount(MEMORIES, MEMORIES.STATUS.ne(MemoryStatus.FORGOTTEN.wire()));
    }

    public WorkspaceReadDsl dsl() {
        return workspaces;
    }
}
