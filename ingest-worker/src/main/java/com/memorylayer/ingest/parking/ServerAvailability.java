package com.memorylayer.ingest.parking;

import com.memorylayer.schemas.db.PostgresServers;
import com.memorylayer.schemas.db.WorkspacePlacements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether the Postgres server a workspace lives on gives a connection now. The primary is never asked: it holds the
 * control schema and the parked commands themselves, so with it away nothing can be parked and the worker waits, as
 * it always has. A server found away is taken to be away for {@code retry-every} without being asked again, so a
 * batch pays a server's connection timeout at most once in that time.
 */
@Component
public class ServerAvailability {

    private static final Logger log = LoggerFactory.getLogger(ServerAvailability.class);

    private final PostgresServers servers;
    private final WorkspacePlacements placements;
    private final ParkingProperties properties;
    private final Clock clock;
    private final ConcurrentMap<String, Instant> awayUntil = new ConcurrentHashMap<>();

    @Autowired
    public ServerAvailability(PostgresServers servers, WorkspacePlacements placements, ParkingProperties properties) {
        this(servers, placements, properties, Clock.systemUTC());
    }

    ServerAvailability(PostgresServers servers, WorkspacePlacements placements, ParkingProperties properties, Clock clock) {
        this.servers = servers;
        this.placements = placements;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether every workspace lives on the primary: then nothing is ever parked. */
    public boolean primaryOnly() {
        return servers.all().size() == 1;
    }

    /** Whether the workspace's server is known to be away, or is found away now. */
    public boolean isAway(UUID workspaceId) {
        if (primaryOnly()) {
            return false;
        }
        String server = placements.serverOf(workspaceId);
        if (server.equals(PostgresServers.PRIMARY)) {
            return false;
        }
        Instant until = awayUntil.get(server);
        if (until != null && clock.instant().isBefore(until)) {
            return true;
        }
        try (Connection connection = servers.named(server).dataSource().getConnection()) {
            awayUntil.remove(server);
            return false;
        } catch (SQLException | RuntimeException e) {
            log.warn("Postgres server {} gives no connection; commands of its workspaces are parked: {}", server, e.toString());
            awayUntil.put(server, clock.instant().plus(properties.retryEvery()));
            return true;
        }
    }

}
