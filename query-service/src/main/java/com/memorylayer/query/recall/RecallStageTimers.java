package com.memorylayer.query.recall;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Where a recall's time goes: {@code memorylayer.recall.stage} timed per stage (tag {@code stage}: {@code refresh} —
 * reading the workspace's changes, the whole index build on a cold runtime —, {@code query_embedding}, one per
 * channel — {@code dense}, {@code context}, {@code lexical}, {@code entity}, {@code time} —, {@code fusion},
 * {@code session_boost}, {@code row_fetch}, {@code rerank}), and {@code memorylayer.recall} for the whole recall. The
 * stage names are a fixed set, never a workspace.
 */
@Component
public class RecallStageTimers {

    static final String STAGE = "memorylayer.recall.stage";
    static final String RECALL = "memorylayer.recall";

    private final MeterRegistry registry;
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();
    private final Timer whole;

    public RecallStageTimers(MeterRegistry registry) {
        this.registry = registry;
        this.whole = Timer.builder(RECALL).description("A whole recall on the query service").publishPercentileHistogram()
                .register(registry);
    }

    /** For recallers built outside Spring (tests): timed into a registry nobody reads. */
    static RecallStageTimers unread() {
        return new RecallStageTimers(new SimpleMeterRegistry());
    }

    <T> T time(String stage, Supplier<T> work) {
        return stages.computeIfAbsent(stage, name -> Timer.builder(STAGE).description("One stage of a recall")
                .tag("stage", name).register(registry)).record(work);
    }

    void run(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    void recorded(long nanos) {
        whole.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
