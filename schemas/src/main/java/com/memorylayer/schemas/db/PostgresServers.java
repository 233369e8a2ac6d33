package com.memorylayer.schemas.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultTransactionProvider;

/**
 * The Postgres servers one service reaches, by placement name: the primary (the service's own pool, which holds the
 * control schema) and each of {@link PostgresServerSettings#servers()}, on a pool of its own. A workspace's schema
 * lives on exactly one of them ({@code control.workspaces.postgres_server}); {@link WorkspaceDsl} picks the right
 * one for every workspace statement.
 *
 * <p>The other servers' pools start without a connection and never fail the service's start: a server that is away
 * fails only the requests of the workspaces placed on it, each within {@code connection-timeout}, as
 * {@code database_unavailable}.
 */
public final class PostgresServers implements AutoCloseable {

    /** The placement of the server the service's own datasource points at, which holds the control schema. */
    public static final String PRIMARY = "primary";

    /** One server: its pool and a jOOQ context on it with the service's settings and listeners. */
    public record Server(String name, DataSource dataSource, DSLContext dsl) {

        /** Whether the server hands out a connection within its pool's timeout; a failure is logged with its cause. */
        public boolean givesConnection() {
            try (Connection connection = dataSource.getConnection()) {
                return true;
            } catch (SQLException | RuntimeException e) {
                log.warn("Postgres server {} gives no connection: {}", name, e.toString());
                return false;
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PostgresServers.class);

    private final Map<String, Server> byName;
    private final List<HikariDataSource> opened;

    private PostgresServers(Map<String, Server> byName, List<HikariDataSource> opened) {
        this.byName = Collections.unmodifiableMap(byName);
        this.opened = opened;
    }

    /** The primary alone: every workspace lives on it. */
    public static PostgresServers primaryOnly(DataSource primary, DSLContext primaryDsl) {
        return open(primary, primaryDsl, PostgresServerSettings.primaryOnly());
    }

    /**
     * The primary and the configured others.
     *
     * @param primary    the service's own pool; the others copy its pool settings (but not its size or timeout)
     * @param primaryDsl the service's jOOQ context; the others' contexts keep its settings and listeners
     */
    public static PostgresServers open(DataSource primary, DSLContext primaryDsl, PostgresServerSettings settings) {
        Map<String, Server> servers = new LinkedHashMap<>();
        servers.put(PRIMARY, new Server(PRIMARY, primary, primaryDsl));
        List<HikariDataSource> opened = new ArrayList<>();
        new TreeMap<>(settings.servers()).forEach((name, server) -> {
            HikariConfig config = new HikariConfig();
            if (primary instanceof HikariDataSource hikari) {
                hikari.copyStateTo(config);
            }
            config.setJdbcUrl(server.url());
            config.setUsername(server.username());
            config.setPassword(server.password());
            config.setDataSource(null);
            config.setPoolName("postgres-" + name);
            config.setMaximumPoolSize(settings.poolSize());
            config.setMinimumIdle(0);
            config.setConnectionTimeout(settings.connectionTimeout().toMillis());
            // Start even when the server is away: only its own workspaces should notice.
            config.setInitializationFailTimeout(-1);
            HikariDataSource pool = new HikariDataSource(config);
            opened.add(pool);
            // The service's own transaction provider (Spring's, in a service) binds its transactions to the primary's
            // pool: this server's transactions must hold a connection of its own pool, or each statement would commit alone.
            DataSourceConnectionProvider connections = new DataSourceConnectionProvider(pool);
            DSLContext dsl = primaryDsl.configuration().derive(connections)
                    .derive(new DefaultTransactionProvider(connections)).dsl();
            servers.put(name, new Server(name, pool, dsl));
        });
        return new PostgresServers(servers, opened);
    }

    /**
     * The server a placement names.
     *
     * @throws UnknownPostgresServerException when this service has no settings for it: a deployment whose services
     *         disagree about the servers, answered as the database being unavailable for that workspace only
     */
    public Server named(String name) {
        Server server = byName.get(name);
        if (server == null) {
            throw new UnknownPostgresServerException(name);
        }
        return server;
    }

    public Server primary() {
        return byName.get(PRIMARY);
    }

    /** Whether the primary is the only server: then every workspace lives on it, and there is nothing to look up. */
    public boolean onlyPrimary() {
        return byName.size() == 1;
    }

    /** Every server, the primary first, then the others by name. */
    public List<Server> all() {
        return List.copyOf(byName.values());
    }

    @Override
    public void close() {
        opened.forEach(HikariDataSource::close);
    }

    /** A placement names a server this service has no settings for. */
    public static final class UnknownPostgresServerException extends org.jooq.exception.DataAccessException {
        public UnknownPostgresServerException(String name) {
            super("no Postgres server '" + name + "' in memorylayer.postgres.servers",
                    new java.sql.SQLNonTransientConnectionException("unknown Postgres server " + name, "08001"));
        }
    }
}
