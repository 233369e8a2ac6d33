package com.memorylayer.gateway.tenant;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Reads workspaces from the control plane. */
@Repository
public class WorkspaceDirectory {

    private final DSLContext dsl;

    public WorkspaceDirectory(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<Workspace> findBySlug(String slug) {
        if (!WorkspaceSlug.isWellFormed(slug)) {
            return Optional.empty();
        }
        return dsl.selectFrom(WORKSPACES).where(WORKSPACES.SLUG.eq(slug)).fetchOptional().map(WorkspaceDirectory::toWorkspace);
    }

    public static Workspace toWorkspace(Record r) {
        return new Workspace(r.get(WORKSPACES.ID), r.get(WORKSPACES.SLUG), r.get(WORKSPACES.NAME),
                new WorkspaceSchemaName(r.get(WORKSPACES.SCHEMA_NAME)));
    }
}
