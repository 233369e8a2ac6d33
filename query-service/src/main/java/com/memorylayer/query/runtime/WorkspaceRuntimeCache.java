package com.memorylayer.query.runtime;

import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The warm workspace runtimes: at most {@code max-warm}, least recently used evicted first, and any idle for
 * {@code idle-ttl} dropped by a periodic sweep. An evicted workspace loses nothing — its runtime is derived data
 * and the next recall rebuilds it from Postgres.
 */
@Component
public class WorkspaceRuntimeCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceRuntimeCache.class);

    private final RuntimeProperties properties;
    private final WorkspaceDsl workspaces;
    private final int dimension;
    private final LinkedHashMap<UUID, WorkspaceRuntime> warm = new LinkedHashMap<>(16, 0.75f, true);

    @Autowired
    public WorkspaceRuntimeCache(RuntimeProperties properties, WorkspaceDsl workspaces, TextEmbedder embedder) {
        this(properties, workspaces, embedder.dimension());
    }

    public WorkspaceRuntimeCache(RuntimeProperties properties, WorkspaceDsl workspaces, int dimension) {
        this.properties = properties;
        this.workspaces = workspaces;
        this.dimension = dimension;
    }

    /** The workspace's runtime, created empty when cold; the caller refreshes it before searching. */
    public WorkspaceRuntime get(UUID workspaceId) {
        List<WorkspaceRuntime> evicted = new ArrayList<>();
        WorkspaceRuntime runtime;
        synchronized (warm) {
            runtime = warm.get(workspaceId);
            if (runtime == null) {
                runtime = new WorkspaceRuntime(workspaceId, workspaces.in(WorkspaceSchemaName.of(workspaceId)), dimension);
                warm.put(workspaceId, runtime);
                Iterator<Map.Entry<UUID, WorkspaceRuntime>> eldest = warm.entrySet().iterator();
                while (warm.size() > properties.maxWarm() && eldest.hasNext()) {
                    evicted.add(eldest.next().getValue());
                    eldest.remove();
                }
            }
            runtime.touch();
        }
        evicted.forEach(this::drop);
        return runtime;
    }

    public int warmCount() {
        synchronized (warm) {
            return warm.size();
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
        }
        idle.forEach(this::drop);
    }

    private void drop(WorkspaceRuntime runtime) {
        log.debug("dropping warm runtime of workspace {}", runtime.workspaceId());
        runtime.close();
    }

    @Override
    public void close() {
        synchronized (warm) {
            warm.values().forEach(WorkspaceRuntime::close);
            warm.clear();
        }
    }
}
