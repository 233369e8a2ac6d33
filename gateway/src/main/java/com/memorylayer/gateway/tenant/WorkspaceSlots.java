package com.memorylayer.gateway.tenant;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A bound on work of one kind running at once (exports, MCP calls): at most {@code max} on the gateway and at most
 * {@code maxPerWorkspace} of one workspace, so one tenant at its limit leaves the rest for the others. Never waits: a
 * caller over either limit is refused at once.
 */
public final class WorkspaceSlots {

    private final Semaphore gateway;
    private final int max;
    private final int maxPerWorkspace;
    /** Slots held per workspace; a workspace holding none has no entry. */
    private final ConcurrentMap<UUID, Integer> held = new ConcurrentHashMap<>();

    public WorkspaceSlots(int max, int maxPerWorkspace) {
        if (max < 1 || maxPerWorkspace < 1) {
            throw new IllegalArgumentException("slot limits must be positive, not " + max + " and " + maxPerWorkspace);
        }
        this.gateway = new Semaphore(max);
        this.max = max;
        this.maxPerWorkspace = maxPerWorkspace;
    }

    /**
     * Takes one of the workspace's slots and one of the gateway's, or throws what the refusing limit's supplier gives.
     * The workspace's own slot is taken first, so a workspace at its limit never holds one of the gateway's.
     */
    public Slot take(UUID workspaceId, Supplier<? extends RuntimeException> workspaceFull,
            Supplier<? extends RuntimeException> gatewayFull) {
        boolean[] taken = {false};
        held.compute(workspaceId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerWorkspace) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw workspaceFull.get();
        }
        if (!gateway.tryAcquire()) {
            leave(workspaceId);
            throw gatewayFull.get();
        }
        return () -> {
            gateway.release();
            leave(workspaceId);
        };
    }

    /** Slots held now on this gateway, by every workspace together. */
    public int held() {
        return max - gateway.availablePermits();
    }

    private void leave(UUID workspaceId) {
        held.computeIfPresent(workspaceId, (id, count) -> count <= 1 ? null : count - 1);
    }

    /** A slot taken; closing it frees it (once). */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
