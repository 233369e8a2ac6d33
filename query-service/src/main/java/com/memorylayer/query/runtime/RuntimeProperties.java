package com.memorylayer.query.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param maxWarm the most workspace runtimes kept in memory at once (16); the least recently used goes first
 * @param idleTtl a runtime unused this long (1800 s) is dropped; the next recall rebuilds it from Postgres
 * @param maxWarmPerOwner the most of them one owner's workspaces may hold (4): past it, a cold workspace of that owner
 *                takes the slot of the owner's own least recently used one, so one person with many workspaces
 *                cannot cycle every other tenant's runtime out
 * @param maxLoadsPerOwner cold runtimes an owner already at that share may load in a minute (30; 0 = no limit): past
 *                it, a recall that would load one answers 503 {@code workspace_loads_busy}, so an owner cycling many
 *                workspaces cannot spend everyone's cores rebuilding indexes
 * @param warmBudget how long a recall that finds its workspace cold loads it (5 s): a big workspace's first load takes
 *                longer (a million memories, about 40 s here), and then goes on in the background, one at a time,
 *                while its recalls answer 503 {@code workspace_warming} with Retry-After, holding no thread for it
 * @param maxWarmMemories the most memories the warm runtimes hold together; unset, as many as fill 60% of the
 *                service's maximum heap at {@value #HEAP_BYTES_PER_MEMORY} bytes each (852 measured at a million,
 *                docs/benchmarks.md; about 715,000 in the 1 GB heap the manifests give the query service): past it the
 *                least recently used runtimes go first, so a few big workspaces cannot take the heap that sixteen
 *                small ones share. A workspace bigger than the budget is still served, alone
 */
@ConfigurationProperties("memorylayer.runtime")
public record RuntimeProperties(int maxWarm, Duration idleTtl, int maxWarmPerOwner, Integer maxLoadsPerOwner, Duration warmBudget,
        Long maxWarmMemories) {

    public static final int DEFAULT_MAX_WARM_PER_OWNER = 4;
    public static final int DEFAULT_MAX_LOADS_PER_OWNER = 30;
    public static final Duration DEFAULT_WARM_BUDGET = Duration.ofSeconds(5);
    /** Heap a warm memory takes, rounded up from the 852 bytes measured at a million memories. */
    public static final int HEAP_BYTES_PER_MEMORY = 900;
    /** The share of the maximum heap the warm runtimes may fill when no budget is set. */
    public static final double DEFAULT_HEAP_SHARE = 0.6;

    /** With the shipped per-owner limits. */
    public RuntimeProperties(int maxWarm, Duration idleTtl) {
        this(maxWarm, idleTtl, DEFAULT_MAX_WARM_PER_OWNER, DEFAULT_MAX_LOADS_PER_OWNER);
    }

    /** With the shipped warm budget. */
    public RuntimeProperties(int maxWarm, Duration idleTtl, int maxWarmPerOwner, Integer maxLoadsPerOwner) {
        this(maxWarm, idleTtl, maxWarmPerOwner, maxLoadsPerOwner, DEFAULT_WARM_BUDGET);
    }

    /** With the shipped memory budget. */
    public RuntimeProperties(int maxWarm, Duration idleTtl, int maxWarmPerOwner, Integer maxLoadsPerOwner, Duration warmBudget) {
        this(maxWarm, idleTtl, maxWarmPerOwner, maxLoadsPerOwner, warmBudget, null);
    }

    @ConstructorBinding
    public RuntimeProperties {
        warmBudget = warmBudget == null ? DEFAULT_WARM_BUDGET : warmBudget;
        maxWarmMemories = maxWarmMemories == null
                ? Math.max(1, (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE / HEAP_BYTES_PER_MEMORY))
                : maxWarmMemories;
        if (maxWarmMemories < 1) {
            throw new IllegalArgumentException("memorylayer.runtime.max-warm-memories must be at least 1, was " + maxWarmMemories);
        }
        if (warmBudget.isNegative()) {
            throw new IllegalArgumentException("memorylayer.runtime.warm-budget must not be negative, was " + warmBudget);
        }
        maxWarmPerOwner = maxWarmPerOwner == 0 ? DEFAULT_MAX_WARM_PER_OWNER : maxWarmPerOwner;
        maxLoadsPerOwner = maxLoadsPerOwner == null ? DEFAULT_MAX_LOADS_PER_OWNER : maxLoadsPerOwner;
        if (maxLoadsPerOwner < 0) {
            throw new IllegalArgumentException("memorylayer.runtime.max-loads-per-owner must be 0 (no limit) or more, was "
                    + maxLoadsPerOwner);
        }
        if (maxWarmPerOwner < 1) {
            throw new IllegalArgumentException("memorylayer.runtime.max-warm-per-owner must be at least 1, was " + maxWarmPerOwner);
        }
        if (maxWarm < 1) {
            throw new IllegalArgumentException("memorylayer.runtime.max-warm must be at least 1, was " + maxWarm);
        }
        if (idleTtl == null || idleTtl.isNegative() || idleTtl.isZero()) {
            throw new IllegalArgumentException("memorylayer.runtime.idle-ttl must be positive, was " + idleTtl);
        }
    }
}
