package com.memorylayer.schemas.db;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;

/**
 * A {@link DSLContext} whose queries against the generated {@code workspace_template} classes run in one
 * workspace's schema instead — jOOQ's render mapping, so no schema name is ever concatenated into SQL.
 */
public final class WorkspaceDsl {

    private final DSLContext base;
    private final ConcurrentMap<WorkspaceSchemaName, DSLContext> bySchema = new ConcurrentHashMap<>();

    public WorkspaceDsl(DSLContext base) {
        this.base = base;
    }

    public DSLContext in(WorkspaceSchemaName schema) {
        return bySchema.computeIfAbsent(schema, s -> {
            Settings settings = ((Settings) base.settings().clone()).withRenderMapping(new RenderMapping()
                    .withSchemata(new MappedSchema().withInput(WorkspaceSchemaName.TEMPLATE).withOutput(s.value())));
            return base.configuration().derive(settings).dsl();
        });
    }

    /** How many workspaces' contexts are held. */
    public int cached() {
        return bySchema.size();
    }

    /** Forgets a workspace's mapping, e.g. after the workspace was deleted. */
    public void evict(WorkspaceSchemaName schema) {
        bySchema.remove(schema);
    }
}
