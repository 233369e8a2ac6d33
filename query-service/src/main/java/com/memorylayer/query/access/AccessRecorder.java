package com.memorylayer.query.access;

import com.memorylayer.schemas.events.MemoriesAccessed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts the memories recalls return, on the request path and without I/O: a recall adds its ids to a concurrent
 * map, and the {@link AccessPublisher} takes what gathered ({@link #drain()}) and sends it off the request path.
 * Counts held here between two flushes are lost if the process dies; access counts are a ranking signal, not a
 * record anyone relies on.
 */
@Component
public class AccessRecorder {

    private final boolean enabled;
    private final Clock clock;
    /** Per workspace, per memory: recalls since the last drain. Each inner map is only touched inside compute/remove. */
    private final ConcurrentHashMap<UUID, Map<UUID, Tally>> pending = new ConcurrentHashMap<>();

    @Autowired
    public AccessRecorder(AccessProperties properties) {
        this(properties.enabled(), Clock.systemUTC());
    }

    public AccessRecorder(boolean enabled, Clock clock) {
        this.enabled = enabled;
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Counts one access of each of {@code memoryIds} in the workspace, now. */
    public void record(UUID workspaceId, Collection<UUID> memoryIds) {
        if (!enabled || memoryIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        pending.compute(workspaceId, (workspace, tallies) -> {
            Map<UUID, Tally> counts = tallies == null ? new LinkedHashMap<>() : tallies;
            for (UUID id : memoryIds) {
                counts.merge(id, new Tally(1, now), Tally::plus);
            }
            return counts;
        });
    }

    /** Takes everything counted so far, per workspace, each memory once with its count and last access. */
    public Map<UUID, List<MemoriesAccessed.Access>> drain() {
        Map<UUID, List<MemoriesAccessed.Access>> taken = new LinkedHashMap<>();
        for (UUID workspace : pending.keySet()) {
            Map<UUID, Tally> tallies = pending.remove(workspace);
            if (tallies == null || tallies.isEmpty()) {
                continue;
            }
            List<MemoriesAccessed.Access> accesses = new ArrayList<>(tallies.size());
            tallies.forEach((id, tally) -> accesses.add(new MemoriesAccessed.Access(id, tally.count(), tally.last())));
            taken.put(workspace, accesses);
        }
        return taken;
    }

    private record Tally(long count, Instant last) {

        Tally plus(Tally other) {
            return new Tally(count + other.count, last.isAfter(other.last) ? last : other.last);
        }
    }
}
