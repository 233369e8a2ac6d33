package com.memorylayer.query.runtime;

import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The warm workspace runtimes: at most {@code max-warm}, holding at most {@code max-warm-memories} memories together,
 * least recently used evicted first, and any idle for
 * {@code idle-ttl} dropped by a periodic sweep. One owner's workspaces hold at most {@code max-warm-per-owner} of
 * them: a cold workspace of an owner at that limit takes the slot of that owner's least recently used runtime, not
 * another tenant's, and past {@code max-loads-per-owner} such loads in a minute the recall is refused
 * ({@link OwnerLoadBudget}). An evicted workspace loses nothing — its runtime is derived data and the next recall rebuilds
 * it from Postgres.
 */
@Component
public class WorkspaceRuntimeCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceRuntimeCache.class);

    private final RuntimeProperties properties;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final WorkspaceDsl workspaces;
    private final int dimension;
    private final Function<UUID, UUID> ownerOf;
    private final OwnerLoadBudget loadBudget;
    /**
     * Finishes the loads of cold runtimes that outlast a recall's {@code warm-budget}, one at a time: loading is the
     * dearest thing a replica does, and two at once would only halve each one's pace while taking both cores.
     */
    private final ExecutorService warmer;
    private final LinkedHashMap<UUID, WorkspaceRuntime> warm = new LinkedHashMap<>(16, 0.75f, true);
    /** The owner of each warm runtime's workspace; guarded by {@link #warm}. */
    private final Map<UUID, UUID> owners = new HashMap<>();

    @Autowired
    public WorkspaceRuntimeCache(RuntimeProperties properties, WorkspaceDsl workspaces, TextEmbedder embedder,
            WorkspaceOwners owners) {
        this(properties, workspaces, embedder.dimension(), owners::ownerOf);
    }

    /** Every workspace its own owner: for tests of the cache that have no control plane. */
    public WorkspaceRuntimeCache(RuntimeProperties properties, WorkspaceDsl workspaces, int dimension) {
        this(properties, workspaces, dimension, Function.identity());
    }

    public WorkspaceRuntimeCache(RuntimeProperties properties, WorkspaceDsl workspaces, int dimension,
            Function<UUID, UUID> ownerOf) {
        this.properties = properties;
        this.workspaces = workspaces;
        this.dimension = dimension;
        this.ownerOf = ownerOf;
        this.loadBudget = new OwnerLoadBudget(properties.maxLoadsPerOwner(), System::nanoTime);
        this.warmer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("runtime-warmer").daemon().factory());
    }

    /** A runtime in use: while the lease is open, evicting the runtime does not close it under its user. */
    public final class Lease implements AutoCloseable {

        private final WorkspaceRuntime runtime;
        private final UUID owner;
        private boolean released;

        private Lease(WorkspaceRuntime runtime, UUID owner) {
            this.runtime = runtime;
            this.owner = owner;
        }

        /**
         * Brings the runtime up to date for a read; a cold one's load that outlasts {@code warm-budget} goes on in the
         * background and this read answers 503 {@code workspace_warming} (see {@link WorkspaceRuntime#refreshForRecall}).
         */
        public void refresh() {
            runtime.refreshForRecall(properties.warmBudget(), warmer);
            // Its size is known once it is loaded: a big one may push others out of the memory budget.
            trimToMemoryBudget(runtime.workspaceId());
        }

        public WorkspaceRuntime runtime() {
            return runtime;
        }

        /** Whose workspace it is: its first owner, or the workspace itself for an operator's. */
        public UUID owner() {
            return owner;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                runtime.release();
            }
        }
    }

    /** The workspace's runtime for one recall, created empty when cold; the caller refreshes it before searching. */
    public Lease lease(UUID workspaceId) {
        WorkspaceRuntime runtime = take(workspaceId, true);
        UUID owner;
        synchronized (warm) {
            owner = owners.getOrDefault(workspaceId, workspaceId);
        }
        return new Lease(runtime, owner);
    }

    /** The workspace's runtime without a lease: for code that does not search it concurrently with eviction. */
    public WorkspaceRuntime get(UUID workspaceId) {
        return take(workspaceId, false);
    }

    private WorkspaceRuntime take(UUID workspaceId, boolean lease) {
        List<WorkspaceRuntime> evicted = new ArrayList<>();
        WorkspaceRuntime runtime;
        synchronized (warm) {
            runtime = warm.get(workspaceId);
        }
        // Looked up outside the lock, and only for a cold workspace: the slow path builds a runtime anyway.
        UUID owner = runtime == null ? ownerOf.apply(workspaceId) : null;
        synchronized (warm) {
            runtime = warm.get(workspaceId);
            if (runtime != null) {
                hits.increment();
            } else {
                misses.increment();
                long ownersWarm = owners.values().stream().filter(owner::equals).count();
                if (ownersWarm >= properties.maxWarmPerOwner()) {
                    loadBudget.spend(owner);
                }
                runtime = new WorkspaceRuntime(workspaceId, workspaces.in(WorkspaceSchemaName.of(workspaceId)), dimension);
                Iterator<Map.Entry<UUID, WorkspaceRuntime>> eldest = warm.entrySet().iterator();
                while (ownersWarm >= properties.maxWarmPerOwner() && eldest.hasNext()) {
                    Map.Entry<UUID, WorkspaceRuntime> next = eldest.next();
                    if (owner.equals(owners.get(next.getKey()))) {
                        evicted.add(next.getValue());
                        owners.remove(next.getKey());
                        eldest.remove();
                        ownersWarm--;
                    }
                }
                warm.put(workspaceId, runtime);
                owners.put(workspaceId, owner);
                eldest = warm.entrySet().iterator();
                while (warm.size() > properties.maxWarm() && eldest.hasNext()) {
                    Map.Entry<UUID, WorkspaceRuntime> next = eldest.next();
                    evicted.add(next.getValue());
                    owners.remove(next.getKey());
                    eldest.remove();
                }
            }
            runtime.touch();
            if (lease && !runtime.acquire()) {
                throw new IllegalStateException("a warm runtime was closed while still cached");
            }
        }
        evicted.forEach(this::drop);
        return runtime;
    }

    /**
     * Drops the least recently used runtimes, never {@code keep}'s, while the warm runtimes hold more memories together
     * than {@code max-warm-memories}.
     */
    private void trimToMemoryBudget(UUID keep) {
        List<WorkspaceRuntime> evicted = new ArrayList<>();
        synchronized (warm) {
            long total = warm.values().stream().mapToLong(WorkspaceRuntime::size).sum();
            Iterator<Map.Entry<UUID, WorkspaceRuntime>> eldest = warm.entrySet().iterator();
            while (total > properties.maxWarmMemories() && eldest.hasNext()) {
                Map.Entry<UUID, WorkspaceRuntime> next = eldest.next();
                if (next.getKey().equals(keep)) {
                    continue;
                }
                total -= next.getValue().size();
                evicted.add(next.getValue());
                owners.remove(next.getKey());
                eldest.remove();
            }
        }
        evicted.forEach(this::drop);
    }

    /** How many memories the warm runtimes hold together. */
    public long warmMemories() {
        synchronized (warm) {
            return warm.values().stream().mapToLong(WorkspaceRuntime::size).sum();
        }
    }

    /** How many runtimes this replica keeps warm at most ({@code max-warm}). */
    public int maxWarm() {
        return properties.maxWarm();
    }

    /** Leases and gets that found the workspace warm. */
    public long hits() {
        return hits.sum();
    }

    /** Leases and gets that found it cold and made its runtime. */
    public long misses() {
        return misses.sum();
    }

    /** Runtimes dropped: past the caps, or idle past the TTL. */
    public long evictions() {
        return evictions.sum();
    }

    public int warmCount() {
        synchronized (warm) {
            return warm.size();
        }
    }

    /** The workspace's runtime if it is warm; never loads one. */
    public java.util.Optional<WorkspaceRuntime> peek(UUID workspaceId) {
        synchronized (warm) {
            return java.util.Optional.ofNullable(warm.get(workspaceId));
        }
    }

    public boolean isWarm(UUID workspaceId) {
        synchronized (warm) {
            return warm.containsKey(workspaceId);
        }
    }

    /** Drops every runtime idle for longer than the TTL. */
    @Scheduled(fixedDelayString = "${memorylayer.runtime.sweep-interval:60s}")
    public void dropIdle() {
        long cutoff = System.nanoTime() - properties.idleTtl().toNanos();
        List<WorkspaceRuntime> idle = new ArrayList<>();
        synchronized (warm) {
            warm.values().removeIf(r -> {
                boolean stale = r.lastUsedNanos() - cutoff < 0;
                if (stale) {
                    idle.add(r);
                }
                return stale;
            });
            owners.keySet().retainAll(warm.keySet());
        }
        idle.forEach(this::drop);
    }

    /** Every drop is an eviction: past a cap or idle past the TTL. */
    private void drop(WorkspaceRuntime runtime) {
        evictions.increment();
        log.debug("dropping warm runtime of workspace {}", runtime.workspaceId());
        runtime.retire();
    }

    @Override
    public void close() {
        warmer.shutdownNow();
        synchronized (warm) {
            warm.values().forEach(WorkspaceRuntime::close);
            warm.clear();
            owners.clear();
        }
    }
}
