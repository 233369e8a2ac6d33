package com.memorylayer.query.reads;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.web.error.ApiException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * jOOQ contexts for the query service's workspace read routes (memories and lists, history, command outcomes,
 * export, entities and graph, stats, status, health, ingest runs), on a pool of their own ({@link WorkspaceReadProperties}): they can hold at most this pool, never the connections that
 * recall's runtimes and consistency waits need; one workspace holds at most {@code max-per-workspace} of them, so
 * one tenant's scans leave the rest to the others; and each statement runs at most the statement timeout. The
 * connections are read-only, so nothing written through them could ever bypass the event log.
 */
public final class WorkspaceReadPool implements AutoCloseable {

    private final HikariDataSource pool;
    private final Configuration reads;
    private final WorkspaceReadProperties properties;
    private final ExistingWorkspaces catalog;
    private final ConcurrentMap<WorkspaceSchemaName, DSLContext> bySchema = new ConcurrentHashMap<>();

    /**
     * @param main the service's main pool, whose database, user and password the read pool takes
     * @param base the service's jOOQ context, whose settings and listeners the read contexts keep
     */
    public WorkspaceReadPool(HikariDataSource main, DSLContext base, WorkspaceReadProperties properties,
            ExistingWorkspaces catalog) {
        this.properties = properties;
        this.catalog = catalog;
        HikariConfig config = new HikariConfig();
        main.copyStateTo(config);
        config.setPoolName(main.getPoolName() + "-workspace-reads");
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        // Read-only on the server side: pgjdbc's setReadOnly does nothing for autocommit statements.
        config.setConnectionInitSql("SET statement_timeout = " + properties.statementTimeout().toMillis()
                + "; SET default_transaction_read_only = on");
        this.pool = new HikariDataSource(config);
        ExecuteListenerProvider[] listeners = Arrays.copyOf(base.configuration().executeListenerProviders(),
                base.configuration().executeListenerProviders().length + 1);
        listeners[listeners.length - 1] = new DefaultExecuteListenerProvider(new ReadTimeouts(properties.statementTimeout().toMillis()));
        this.reads = base.configuration().derive(listeners);
    }

    /**
     * The workspace's read context: its schema mapped, and its own share of the pool.
     *
     * @throws ApiException 404 {@code workspace_not_found} when there is no such workspace
     */
    public DSLContext in(UUID workspaceId) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace " + workspaceId);
        }
        return bySchema.computeIfAbsent(WorkspaceSchemaName.of(workspaceId), schema -> {
            ReadConnections connections = new ReadConnections(pool, properties.maxPerWorkspace(), properties.connectionTimeout());
            return new WorkspaceDsl(reads.derive(connections).dsl()).in(schema);
        });
    }

    public WorkspaceReadProperties properties() {
        return properties;
    }

    @Override
    public void close() {
        pool.close();
    }
}
