package com.memorylayer.query.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The warm runtimes as metrics: {@code memorylayer.runtimes.warm} and {@code memorylayer.runtimes.max} (gauges),
 * {@code memorylayer.runtimes.hits}, {@code .misses} and {@code .evictions} (counters). A cold runtime's build
 * time is the recall stage {@code refresh} of its first recall ({@code memorylayer.recall.stage}).
 */
@Component
class RuntimeCacheMeters implements MeterBinder {

    private final WorkspaceRuntimeCache runtimes;

    RuntimeCacheMeters(WorkspaceRuntimeCache runtimes) {
        this.runtimes = runtimes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("memorylayer.runtimes.warm", runtimes, WorkspaceRuntimeCache::warmCount)
                .description("Workspace runtimes held warm").register(registry);
        Gauge.builder("memorylayer.runtimes.max", runtimes, WorkspaceRuntimeCache::maxWarm)
                .description("Workspace runtimes held warm at most").register(registry);
        Gauge.builder("memorylayer.runtimes.memories", runtimes, WorkspaceRuntimeCache::warmMemories)
                .description("Memories the warm runtimes hold together (bounded by memorylayer.runtime.max-warm-memories)")
                .register(registry);
        FunctionCounter.builder("memorylayer.runtimes.hits", runtimes, WorkspaceRuntimeCache::hits)
                .description("Reads that found their workspace warm").register(registry);
        FunctionCounter.builder("memorylayer.runtimes.misses", runtimes, WorkspaceRuntimeCache::misses)
                .description("Reads that found their workspace cold").register(registry);
        FunctionCounter.builder("memorylayer.runtimes.evictions", runtimes, WorkspaceRuntimeCache::evictions)
                .description("Runtimes dropped past a cap or idle").register(registry);
    }
}
