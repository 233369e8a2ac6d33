package com.memorylayer.gateway.workspace;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Creates a workspace: its control-plane row and its own Postgres schema, migrated to the current version. The
 * schema is migrated before the row is inserted, so a workspace that can be found always has its tables.
 */
@Service
public class WorkspaceProvisioner {

    private final DSLContext dsl;
    private final DataSource dataSource;

    public WorkspaceProvisioner(DSLContext dsl, DataSource dataSource) {
        this.dsl = dsl;
        this.dataSource = dataSource;
    }

    /** @throws WorkspaceSlugTakenException when another workspace already has the slug */
    public Workspace create(WorkspaceSlug slug, String name) {
        if (dsl.fetchExists(WORKSPACES, WORKSPACES.SLUG.eq(slug.value()))) {
            throw new WorkspaceSlugTakenException(slug.value());
        }
        UUID id = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(id);
        Migrations.migrateWorkspace(dataSource, schema);
        int inserted = dsl.insertInto(WORKSPACES)
                .set(WORKSPACES.ID, id)
                .set(WORKSPACES.SLUG, slug.value())
                .set(WORKSPACES.NAME, name == null || name.isBlank() ? slug.value() : name)
                .set(WORKSPACES.SCHEMA_NAME, schema.value())
                .onConflict(WORKSPACES.SLUG).doNothing()
                .execute();
        if (inserted == 0) {
            throw new WorkspaceSlugTakenException(slug.value());
        }
        return new Workspace(id, slug.value(), name, schema);
    }

    /** Brings every existing workspace schema to the current migration version; run at start. */
    public int migrateAll() {
        var schemas = dsl.select(WORKSPACES.SCHEMA_NAME).from(WORKSPACES).fetch(WORKSPACES.SCHEMA_NAME);
        schemas.forEach(s -> Migrations.migrateWorkspace(dataSource, new WorkspaceSchemaName(s)));
        return schemas.size();
    }

    public static final class WorkspaceSlugTakenException extends RuntimeException {
        public WorkspaceSlugTakenException(String slug) {
            super("a workspace named '" + slug + "' already exists");
        }
    }
}
