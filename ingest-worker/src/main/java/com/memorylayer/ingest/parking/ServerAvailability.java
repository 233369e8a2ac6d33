package com.memorylayer.ingest.parking;

import com.memorylayer.schemas.db.PostgresServers;
import com.memorylayer.schemas.db.WorkspacePlacements;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return servers.onlyPrimary();
    }

    /** Whether the workspace's server is known to be away, or is found away now. */
    public boolean isAway(UUID workspaceId) {
        return !away(List.of(workspaceId)).isEmpty();
    }

    /** Those of these workspaces whose server is known to be away or is found away now; each server is asked once. */
    public Set<UUID> away(Collection<UUID> workspaceIds) {
        if (primaryOnly()) {
            return Set.of();
        }
        Map<String, Boolean> serverAway = new HashMap<>();
        Set<UUID> away = new HashSet<>();
        for (UUID workspace : workspaceIds) {
            String server = placements.serverOf(workspace);
            if (!server.equals(PostgresServers.PRIMARY) && serverAway.computeIfAbsent(server, this::serverAway)) {
                away.add(workspace);
            }
        }
        return away;
    }

    private boolean serverAway(String server) {
        Instant until = awayUntil.get(server);
        if (until != null && clock.instant().isBefore(until)) {
            return true;
        }
        if (servers.named(server).givesConnection()) {
            awayUntil.remove(server);
            return false;
        }
        log.warn("commands of the workspaces on Postgres server {} are parked until it answers", server);
        awayUntil.put(server, clock.instant().plus(properties.retryEvery()));
        return true;
    }

}
