package com.memorylayer.query.reads;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.db.PostgresServers;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspacePlacements;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.web.error.ApiException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * jOOQ contexts for the query service's workspace read routes (memories and lists, history, command outcomes,
 * export, entities and graph, stats, status, health, ingest runs), on pools of their own ({@link WorkspaceReadProperties}),
 * one for each Postgres server: they can hold at most this pool, never the connections that
 * recall's runtimes and consistency waits need; one workspace holds at most {@code max-per-workspace} of them, so
 * one tenant's scans leave the rest to the others; and each statement runs at most the statement timeout. The
 * connections are read-only, so nothing written through them could ever bypass the event log.
 */
public final class WorkspaceReadPool implements AutoCloseable {

    private final Map<String, HikariDataSource> poolByServer = new LinkedHashMap<>();
    private final Configuration reads;
    private final WorkspaceReadProperties properties;
    private final ExistingWorkspaces catalog;
    private final WorkspacePlacements placements;
    private final PostgresServers servers;
    private final ConcurrentMap<UUID, Semaphore> shares = new ConcurrentHashMap<>();
    private final ConcurrentMap<WorkspaceSchemaName, DSLContext> bySchema = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, DSLContext> controlByWorkspace = new ConcurrentHashMap<>();

    /**
     * @param servers the Postgres servers workspaces live on, whose pools' database, user and password each read pool takes
     * @param base    the service's jOOQ context, whose settings and listeners the read contexts keep
     */
    public WorkspaceReadPool(PostgresServers servers, WorkspacePlacements placements, DSLContext base,
            WorkspaceReadProperties properties, ExistingWorkspaces catalog) {
        this.properties = properties;
        this.catalog = catalog;
        this.placements = placements;
        this.servers = servers;
        for (PostgresServers.Server server : servers.all()) {
            if (!(server.dataSource() instanceof HikariDataSource main)) {
                throw new IllegalStateException("the query service's workspace-read pool copies a Hikari pool; the pool of server "
                        + server.name() + " is " + server.dataSource().getClass().getName());
            }
            HikariConfig config = new HikariConfig();
            main.copyStateTo(config);
            config.setPoolName(main.getPoolName() + "-workspace-reads");
            config.setMaximumPoolSize(properties.poolSize());
            config.setMinimumIdle(0);
            config.setConnectionTimeout(properties.connectionTimeout().toMillis());
            // A server that is away fails its own workspaces' reads, not the service's start.
            config.setInitializationFailTimeout(-1);
            // Read-only on the server side: pgjdbc's setReadOnly does nothing for autocommit statements.
            config.setConnectionInitSql("SET statement_timeout = " + properties.statementTimeout().toMillis()
                    + "; SET default_transaction_read_only = on");
            poolByServer.put(server.name(), new HikariDataSource(config));
        }
        ExecuteListenerProvider[] listeners = Arrays.copyOf(base.configuration().executeListenerProviders(),
                base.configuration().executeListenerProviders().length + 1);
        listeners[listeners.length - 1] = new DefaultExecuteListenerProvider(new ReadTimeouts(properties.statementTimeout().toMillis()));
        this.reads = base.configuration().derive(listeners);
    }

    /**
     * The workspace's read context: its schema mapped, on the server it is placed on, and its own share of that
     * server's pool.
     *
     * @throws ApiException 404 {@code workspace_not_found} when there is no such workspace
     */
    public DSLContext in(UUID workspaceId) {
        requireExisting(workspaceId);
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(workspaceId);
        DSLContext known = bySchema.get(schema);
        if (known != null) {
            return known;
        }
        HikariDataSource pool = pool(servers.onlyPrimary() ? PostgresServers.PRIMARY : placements.serverOf(workspaceId));
        DSLContext mapped = new WorkspaceDsl(reads.derive(connections(workspaceId, pool)).dsl()).in(schema);
        DSLContext raced = bySchema.putIfAbsent(schema, mapped);
        return raced == null ? mapped : raced;
    }

    /**
     * A read context on the control schema (on the primary server) for what a workspace's routes read there, such
     * as its ingest runs' ledger: within the same share of connections as the workspace's own reads.
     */
    public DSLContext controlFor(UUID workspaceId) {
        requireExisting(workspaceId);
        return controlByWorkspace.computeIfAbsent(workspaceId,
                id -> reads.derive(connections(id, pool(PostgresServers.PRIMARY))).dsl());
    }

    private void requireExisting(UUID workspaceId) {
        if (!catalog.exists(workspaceId)) {
            throw new ApiException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace " + workspaceId);
        }
    }

    private ReadConnections connections(UUID workspaceId, HikariDataSource pool) {
        Semaphore share = shares.computeIfAbsent(workspaceId, id -> new Semaphore(properties.maxPerWorkspace()));
        return new ReadConnections(pool, share, properties.maxPerWorkspace(), properties.connectionTimeout());
    }

    private HikariDataSource pool(String server) {
        HikariDataSource pool = poolByServer.get(server);
        if (pool == null) {
            throw new PostgresServers.UnknownPostgresServerException(server);
        }
        return pool;
    }

    public WorkspaceReadProperties properties() {
        return properties;
    }

    @Override
    public void close() {
        poolByServer.values().forEach(HikariDataSource::close);
    }
}
