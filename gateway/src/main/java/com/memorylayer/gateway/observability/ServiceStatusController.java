package com.memorylayer.gateway.observability;

import com.memorylayer.gateway.reads.QueryReplicas;
import com.memorylayer.gateway.reads.QueryReplicas.ReplicaCache;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/service/status}, public: the service's version, how long this gateway has run, and the query
 * replicas' runtime caches as their last health probes (every 2 s) reported them. Counts only: no workspace, no
 * replica address. Answered from memory, so a caller cannot make it fan out.
 */
@RestController
public class ServiceStatusController {

    private static final String VERSION = version();

    private final QueryReplicas replicas;

    ServiceStatusController(QueryReplicas replicas) {
        this.replicas = replicas;
    }

    /**
     * @param replicasReady    query replicas answering their health probe
     * @param warmWorkspaces   workspace runtimes warm across the ready replicas
     * @param maxWarmWorkspaces how many they keep warm at most, together
     */
    public record ServiceStatus(String service, String version, long uptimeSeconds, int queryReplicas, int replicasReady,
            int warmWorkspaces, int maxWarmWorkspaces, List<ReplicaCache> replicaCaches) {
    }

    @GetMapping("/v1/service/status")
    public ServiceStatus status() {
        List<ReplicaCache> caches = replicas.caches();
        List<ReplicaCache> ready = caches.stream().filter(ReplicaCache::ready).toList();
        return new ServiceStatus("memorylayer", VERSION, ManagementFactory.getRuntimeMXBean().getUptime() / 1000, caches.size(),
                ready.size(), ready.stream().mapToInt(c -> Math.max(0, c.warmWorkspaces())).sum(),
                ready.stream().mapToInt(c -> Math.max(0, c.maxWarmWorkspaces())).sum(), caches);
    }

    /** The jar's version; a gateway run from classes (tests, the IDE) has none in its manifest. */
    private static String version() {
        String version = ServiceStatusController.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
