package com.memorylayer.gateway.workspace;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.schemas.db.PostgresServers;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Postgres server a new workspace goes to: the least loaded, measured as the number of workspaces placed on
 * each server (each workspace is a schema, and a server's catalog, its memory and the time to migrate it grow with
 * the schemas it holds, whatever is in them); a tie goes to the primary, then to the servers in name order. A server
 * that gives no connection within its timeout is passed over, so a server that is away stops taking new workspaces
 * rather than failing their creation.
 */
final class WorkspacePlacementChoice {

    private static final Logger log = LoggerFactory.getLogger(WorkspacePlacementChoice.class);

    private final DSLContext control;
    private final PostgresServers servers;
    private final boolean spread;

    /** @param spread whether new workspaces are spread over every server, or all stay on the primary */
    WorkspacePlacementChoice(DSLContext control, PostgresServers servers, boolean spread) {
        this.control = control;
        this.servers = servers;
        this.spread = spread;
    }

    PostgresServers.Server choose() {
        List<PostgresServers.Server> all = servers.all();
        if (!spread || servers.onlyPrimary()) {
            return servers.primary();
        }
        Map<String, Integer> placed = control.select(WORKSPACES.POSTGRES_SERVER, org.jooq.impl.DSL.count()).from(WORKSPACES)
                .groupBy(WORKSPACES.POSTGRES_SERVER).fetchMap(r -> r.value1(), r -> r.value2());
        // all() lists the primary first, then by name: a stable sort keeps that order among equals.
        List<PostgresServers.Server> byLoad = all.stream()
                .sorted(Comparator.comparingInt(s -> placed.getOrDefault(s.name(), 0))).toList();
        for (PostgresServers.Server candidate : byLoad) {
            if (candidate.name().equals(PostgresServers.PRIMARY) || candidate.givesConnection()) {
                return candidate;
            }
            log.warn("no new workspace goes to Postgres server {} while it gives no connection", candidate.name());
        }
        return servers.primary();
    }
}
