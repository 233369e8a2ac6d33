package com.memorylayer.gateway.workspace;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.db.WorkspaceDsl;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Figures about one workspace's memories, read from its own schema. */
@Component
public class WorkspaceStats {

    private final WorkspaceDsl workspaces;

    public WorkspaceStats(DSLContext dsl) {
        this.workspaces = new WorkspaceDsl(dsl);
    }

    /** Memories not deleted. */
    public int memoryCount(Workspace workspace) {
        DSLContext dsl = workspaces.in(workspace.schema());
        return dsl.fetchCount(MEMORIES, MEMORIES.DELETED_AT.isNull());
    }

    public WorkspaceDsl dsl() {
        return workspaces;
    }
}
