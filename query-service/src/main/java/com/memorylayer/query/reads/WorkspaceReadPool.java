package com.memorylayer.query.reads;

import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
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
 * jOOQ contexts for the read routes of a workspace's schema, on a pool of their own ({@link WorkspaceReadProperties}):
 * reads that page through a big workspace (lists, export) can hold at most this pool, never the connections that
 * recall's runtimes load on and consistency waits poll on; one workspace holds at most {@code max-per-workspace} of
 * them, so one tenant's scans leave the rest to the others; and each statement runs at most the statement timeout.
 * The connections are read-only, so nothing written through them could ever bypass the event log.
 */
public final class WorkspaceReadPool implements AutoCloseable {

    private final HikariDataSource pool;
    private final Configuration reads;
    private final WorkspaceReadProperties properties;
    private final ConcurrentMap<WorkspaceSchemaName, DSLContext> bySchema = new ConcurrentHashMap<>();

    /**
     * @param main the service's main pool, whose database, user and password the read pool takes
     * @param base the service's jOOQ context, whose settings and listeners the read contexts keep
     */
    public WorkspaceReadPool(HikariDataSource main, DSLContext base, WorkspaceReadProperties properties) {
        this.properties = properties;
        HikariConfig config = new HikariConfig();
        main.copyStateTo(config);
        config.setPoolName(main.getPoolName() + "-workspace-reads");
        config.setMaximumPoolSize(properties.poolSize());
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

    /** The workspace's read context: its schema mapped, and its own share of the pool. */
    public DSLContext in(UUID workspaceId) {
        return bySchema.computeIfAbsent(WorkspaceSchemaName.of(workspaceId), schema -> {
            ReadConnections connections = new ReadConnections(pool, properties.maxPerWorkspace(), properties.connectionTimeout());
            return new WorkspaceDsl(reads.derive(connections).dsl()).in(schema);
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
