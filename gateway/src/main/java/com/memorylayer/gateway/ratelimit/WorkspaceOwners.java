package com.memorylayer.gateway.ratelimit;

import com.memorylayer.schemas.db.FirstOwner;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Whose a workspace is, for the owner's shared bucket: its first owner, or the workspace itself when no person owns
 * it. Read for every key call, so kept for a minute: a change of owner takes effect on the bucket within that.
 */
@Component
class WorkspaceOwners {

    static final int MAX_ENTRIES = 100_000;
    private static final long TTL_NANOS = Duration.ofMinutes(1).toNanos();

    private record Known(UUID owner, long readNanos) {
    }

    private final DSLContext dsl;
    private final Map<UUID, Known> known = new ConcurrentHashMap<>();

    WorkspaceOwners(DSLContext dsl) {
        this.dsl = dsl;
    }

    UUID ownerOf(UUID workspaceId) {
        long now = System.nanoTime();
        Known cached = known.get(workspaceId);
        if (cached != null && now - cached.readNanos() < TTL_NANOS) {
            return cached.owner();
        }
        UUID owner = FirstOwner.of(dsl, workspaceId).orElse(workspaceId);
        if (known.size() >= MAX_ENTRIES) {
            known.clear();
        }
        known.put(workspaceId, new Known(owner, now));
        return owner;
    }
}
