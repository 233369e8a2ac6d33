package com.memorylayer.schemas.db;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;

/**
 * A {@link DSLContext} whose queries against the generated {@code workspace_template} classes run in one
 * workspace's schema instead — jOOQ's render mapping, so no schema name is ever concatenated into SQL — on the
 * Postgres server the workspace is placed on.
 */
public final class WorkspaceDsl {

    private final Function<WorkspaceSchemaName, DSLContext> serverOf;
    private final ConcurrentMap<WorkspaceSchemaName, DSLContext> bySchema = new ConcurrentHashMap<>();

    /** Every workspace on the one server {@code base} reaches. */
    public WorkspaceDsl(DSLContext base) {
        this.serverOf = schema -> base;
    }

    /** Each workspace on the server its placement names. */
    public WorkspaceDsl(PostgresServers servers, WorkspacePlacements placements) {
        // With one server there is nothing to look up: every placement is the primary.
        this.serverOf = servers.onlyPrimary() ? schema -> servers.primary().dsl()
                : schema -> servers.named(placements.serverOf(schema.workspaceId())).dsl();
    }

    public DSLContext in(WorkspaceSchemaName schema) {
        DSLContext known = bySchema.get(schema);
        if (known != null) {
            return known;
        }
        // Not inside computeIfAbsent: finding the placement is a query, and a server that is not configured throws.
        DSLContext base = serverOf.apply(schema);
        Settings settings = ((Settings) base.settings().clone()).withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput(WorkspaceSchemaName.TEMPLATE).withOutput(schema.value())));
        DSLContext mapped = base.configuration().derive(settings).dsl();
        DSLContext raced = bySchema.putIfAbsent(schema, mapped);
        return raced == null ? mapped : raced;
    }

    public DSLContext in(UUID workspaceId) {
        return in(WorkspaceSchemaName.of(workspaceId));
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
