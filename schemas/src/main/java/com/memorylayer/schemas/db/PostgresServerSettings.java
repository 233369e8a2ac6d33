package com.memorylayer.schemas.db;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Postgres servers workspaces may live on besides the primary one ({@code memorylayer.postgres.*}), bound the
 * same way by every service that touches workspace schemas: the gateway (which creates them), the ingest worker and
 * the query service. The primary server is the service's own {@code spring.datasource}; it holds the control schema
 * and is always a placement, named {@value PostgresServers#PRIMARY}.
 *
 * @param servers           the other servers by name (lower-case letters, digits and dashes, as the placement column
 *                          allows); none by default, and then every workspace lives on the primary
 * @param poolSize          connections each service keeps at most to each other server (8)
 * @param connectionTimeout how long a request waits for a connection to another server before it is answered
 *                          {@code 503 database_unavailable} (2 s): short, so an unreachable server fails its own
 *                          workspaces' requests quickly and holds no thread the others need
 * @param placeNewWorkspaces whether new workspaces are spread over all servers (true) or all stay on the primary
 */
@ConfigurationProperties("memorylayer.postgres")
public record PostgresServerSettings(Map<String, Server> servers, @DefaultValue("8") int poolSize,
        @DefaultValue("2s") Duration connectionTimeout, @DefaultValue("true") boolean placeNewWorkspaces) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** Where one server is, and the account the services use on it. */
    public record Server(String url, String username, String password) {
    }

    public PostgresServerSettings {
        servers = servers == null ? Map.of() : Map.copyOf(servers);
        servers.forEach((name, server) -> {
            if (!NAME.matcher(name).matches() || name.equals(PostgresServers.PRIMARY)) {
                throw new IllegalArgumentException("memorylayer.postgres.servers." + name
                        + ": a server's name is lower-case letters, digits and dashes, and not '" + PostgresServers.PRIMARY + "'");
            }
            if (server == null || server.url() == null || server.url().isBlank()) {
                throw new IllegalArgumentException("memorylayer.postgres.servers." + name + ".url is required");
            }
        });
        if (poolSize < 1) {
            throw new IllegalArgumentException("memorylayer.postgres.pool-size must be at least 1");
        }
    }

    /** One server only: the primary. */
    public static PostgresServerSettings primaryOnly() {
        return new PostgresServerSettings(Map.of(), 8, Duration.ofSeconds(2), true);
    }
}
