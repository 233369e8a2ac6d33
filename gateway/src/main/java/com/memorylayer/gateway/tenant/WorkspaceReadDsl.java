package com.memorylayer.gateway.tenant;

import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * jOOQ contexts for reading a workspace's schema, on a pool of their own ({@link WorkspaceReadProperties}): reads
 * that scan a big workspace (lists, export) can hold at most this pool, never the connections
 * that API key checks, rate-limit buckets and audit need; one workspace holds at most {@code max-per-workspace} of
 * them, so one tenant's scans leave the rest to the others; and each statement runs at most the statement timeout.
 * The connections are read-only, so nothing written through them could ever bypass the event log.
 */
public final class WorkspaceReadDsl implements AutoCloseable {

    private final HikariDataSource pool;
    private final Configuration reads;
    private final WorkspaceReadProperties properties;
    private final ConcurrentMap<WorkspaceSchemaName, DSLContext> bySchema = new ConcurrentHashMap<>();

    /**
     * @param admission the gateway's main pool, whose database, user and password the read pool takes
     * @param base      the gateway's jOOQ context, whose settings and listeners the read contexts keep
     */
    public WorkspaceReadDsl(HikariDataSource admission, DSLContext base, WorkspaceReadProperties properties) {
        this.properties = properties;
        HikariConfig config = new HikariConfig();
        admission.copyStateTo(config);
        config.setPoolName(admission.getPoolName() + "-workspace-reads");
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
    public DSLContext in(Workspace workspace) {
        return bySchema.computeIfAbsent(workspace.schema(), schema -> {
            ReadConnections connections = new ReadConnections(pool, properties.maxPerWorkspace(), properties.connectionTimeout());
            return new WorkspaceDsl(reads.derive(connections).dsl()).in(schema);
        });
    }

    /** Forgets a deleted workspace's context. */
    public void evict(Workspace workspace) {
        bySchema.remove(workspace.schema());
    }

    @Override
    public void close() {
        pool.close();
    }
}
