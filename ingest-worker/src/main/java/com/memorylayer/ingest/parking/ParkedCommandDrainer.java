package com.memorylayer.ingest.parking;

import com.memorylayer.ingest.parking.ParkedCommands.From;
import com.memorylayer.ingest.parking.ParkedCommands.Parked;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.schemas.events.EventEnvelope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies parked commands once their workspace's server answers again: every {@code retry-every}, each parked
 * workspace whose server gives a connection has its commands applied in the order parked, a page at a time, by the
 * consumer each came from, and deleted in the transaction that read them. A page applied whose deletion then fails is
 * applied again, and changes nothing the second time (each command's event id is in its workspace's
 * {@code applied_events}). A workspace deleted meanwhile has its parked commands dropped, as its commands on the log
 * are.
 */
@Component
class ParkedCommandDrainer {

    private static final Logger log = LoggerFactory.getLogger(ParkedCommandDrainer.class);
    /** How many parked workspaces one round looks at. */
    private static final int WORKSPACES_PER_ROUND = 100;

    private final ParkedCommands parked;
    private final ServerAvailability servers;
    private final WorkspaceLedger workspaces;
    private final ParkingProperties properties;
    private final Map<From, ParkedCommandApplier> appliers = new EnumMap<>(From.class);

    ParkedCommandDrainer(ParkedCommands parked, ServerAvailability servers, WorkspaceLedger workspaces, ParkingProperties properties,
            List<ParkedCommandApplier> appliers) {
        this.parked = parked;
        this.servers = servers;
        this.workspaces = workspaces;
        this.properties = properties;
        appliers.forEach(a -> this.appliers.put(a.from(), a));
    }

    @Scheduled(initialDelayString = "${memorylayer.ingest.parking.retry-every:5s}",
            fixedDelayString = "${memorylayer.ingest.parking.retry-every:5s}")
    void drainAll() {
        for (UUID workspace : parked.workspaces(WORKSPACES_PER_ROUND)) {
            try {
                drain(workspace);
            } catch (RuntimeException e) {
                log.warn("parked commands of workspace {} not applied yet: {}", workspace, e.toString());
            }
        }
    }

    /** Applies the workspace's parked commands if its server answers; returns how many were applied. */
    int drain(UUID workspace) {
        if (workspaces.existing(Set.of(workspace)).isEmpty()) {
            parked.control().transaction(c -> ParkedCommands.removeAll(c.dsl(), workspace));
            log.warn("dropped the parked commands of deleted workspace {}", workspace);
            return 0;
        }
        if (servers.isAway(workspace)) {
            return 0;
        }
        int applied = 0;
        while (true) {
            int page = parked.control().transactionResult(c -> {
                // One drainer at a time for a workspace, whichever worker it runs in: its order is the log's.
                Boolean mine = c.dsl().select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class,
                        DSL.val(lockKey(workspace)))).fetchOne(0, Boolean.class);
                if (!Boolean.TRUE.equals(mine)) {
                    return 0;
                }
                List<Parked> next = ParkedCommands.first(c.dsl(), workspace, properties.drainBatch());
                applyInOrder(next);
                if (!next.isEmpty()) {
                    ParkedCommands.remove(c.dsl(), next);
                }
                return next.size();
            });
            applied += page;
            if (page < properties.drainBatch()) {
                break;
            }
        }
        if (applied > 0) {
            log.info("applied {} parked command(s) of workspace {}", applied, workspace);
        }
        return applied;
    }

    /** Runs of one topic go to its consumer together, in the order parked. */
    private void applyInOrder(List<Parked> page) {
        List<EventEnvelope> run = new ArrayList<>();
        From runFrom = null;
        for (Parked command : page) {
            if (runFrom != null && command.from() != runFrom) {
                appliers.get(runFrom).applyParked(run);
                run = new ArrayList<>();
            }
            runFrom = command.from();
            run.add(command.event());
        }
        if (!run.isEmpty()) {
            appliers.get(runFrom).applyParked(run);
        }
    }

    private static long lockKey(UUID workspace) {
        // Apart from the workspaces' write locks (WorkspaceWriteLock), which live on the workspaces' own servers anyway.
        return workspace.getMostSignificantBits() ^ Long.rotateLeft(workspace.getLeastSignificantBits(), 17) ^ 0x7061726bL;
    }
}
