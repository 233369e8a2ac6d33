package com.memorylayer.query.stats;

import com.memorylayer.query.status.RuntimeStates;
import com.memorylayer.schemas.reads.stats.AccessPatterns;
import com.memorylayer.schemas.reads.stats.Hotspots;
import com.memorylayer.schemas.reads.stats.MemoryGroups;
import com.memorylayer.schemas.reads.stats.MemoryMap;
import com.memorylayer.schemas.reads.stats.MemoryTotal;
import com.memorylayer.schemas.reads.stats.TopEntities;
import com.memorylayer.schemas.reads.stats.WorkspaceHealth;
import com.memorylayer.schemas.reads.stats.WorkspaceQuality;
import com.memorylayer.schemas.reads.stats.WorkspaceStatus;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's status, health and statistics as internal routes. The gateway checks the caller and the public
 * parameters; the bounds are checked again here.
 */
@RestController
@RequestMapping("/internal/v1/workspaces/{workspaceId}")
class WorkspaceStatsController {

    static final int MAX_LIMIT = 500;
    static final int MAX_HOURS = 24 * 90;

    private final WorkspaceUsageStats stats;
    private final RuntimeStates runtimes;

    WorkspaceStatsController(WorkspaceUsageStats stats, RuntimeStates runtimes) {
        this.stats = stats;
        this.runtimes = runtimes;
    }

    @GetMapping("/status")
    WorkspaceStatus status(@PathVariable UUID workspaceId) {
        return stats.status(workspaceId);
    }

    /** Whole or degraded, with the runtime of the replica that answered. */
    @GetMapping("/health")
    WorkspaceHealth health(@PathVariable UUID workspaceId) {
        return stats.health(workspaceId, runtimes.of(workspaceId));
    }

    @GetMapping("/stats/memory-count")
    MemoryTotal memoryCount(@PathVariable UUID workspaceId) {
        return new MemoryTotal(stats.memoryCount(workspaceId));
    }

    @GetMapping("/stats/memory-map")
    MemoryMap memoryMap(@PathVariable UUID workspaceId) {
        return stats.memoryMap(workspaceId);
    }

    @GetMapping("/stats/access-patterns")
    AccessPatterns accessPatterns(@PathVariable UUID workspaceId, @RequestParam(defaultValue = "50") int limit) {
        return stats.accessPatterns(workspaceId, bounded("limit", limit, 1, MAX_LIMIT));
    }

    @GetMapping("/stats/hotspots")
    Hotspots hotspots(@PathVariable UUID workspaceId, @RequestParam(defaultValue = "72") int hours,
            @RequestParam(defaultValue = "8") int limit) {
        return stats.hotspots(workspaceId, bounded("hours", hours, 1, MAX_HOURS), bounded("limit", limit, 1, MAX_LIMIT));
    }

    @GetMapping("/stats/quality")
    WorkspaceQuality quality(@PathVariable UUID workspaceId) {
        return stats.quality(workspaceId);
    }

    /** Memories counted by layer, memory_type, status, source (its kind) or month. */
    @GetMapping("/stats/count-by")
    MemoryGroups countBy(@PathVariable UUID workspaceId, @RequestParam(name = "group_by") String groupBy) {
        if (!WorkspaceUsageStats.GROUPS.containsKey(groupBy)) {
            throw ApiException.invalidField("group_by", "group_by must be one of " + String.join(", ",
                    new java.util.TreeSet<>(WorkspaceUsageStats.GROUPS.keySet())));
        }
        return new MemoryGroups(groupBy, stats.countBy(workspaceId, groupBy));
    }

    @GetMapping("/stats/top-entities")
    TopEntities topEntities(@PathVariable UUID workspaceId, @RequestParam(defaultValue = "30") int limit) {
        return stats.topEntities(workspaceId, bounded("limit", limit, 1, MAX_LIMIT));
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw ApiException.invalidField(name, "'" + name + "' must be from " + min + " to " + max);
        }
        return value;
    }
}
