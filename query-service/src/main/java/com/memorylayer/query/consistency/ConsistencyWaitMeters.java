package com.memorylayer.query.consistency;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The consistency waits, by {@code kind} ({@code recall}: a recall holding for its token's write; {@code write}: a
 * write's {@code ?wait=true}): {@code memorylayer.consistency.waiting} now, {@code memorylayer.consistency.timeouts}
 * that ran out their time, and {@code memorylayer.consistency.refused} turned away because their bound was full.
 */
@Component
class ConsistencyWaitMeters {

    ConsistencyWaitMeters(ConsistencyWaits waits, MeterRegistry registry) {
        Gauge.builder("memorylayer.consistency.waiting", waits, ConsistencyWaits::waiting).tag("kind", "recall")
                .description("Recalls waiting for their write").register(registry);
        Gauge.builder("memorylayer.consistency.waiting", waits, ConsistencyWaits::commandsWaiting).tag("kind", "write")
                .description("Writes waiting to be applied (?wait=true)").register(registry);
        counter(registry, "memorylayer.consistency.timeouts", "recall", waits, ConsistencyWaits::recallsTimedOut,
                "Waits that ran out their time");
        counter(registry, "memorylayer.consistency.timeouts", "write", waits, ConsistencyWaits::writesTimedOut,
                "Waits that ran out their time");
        counter(registry, "memorylayer.consistency.refused", "recall", waits, ConsistencyWaits::recallsRefused,
                "Waits turned away because their bound was full");
        counter(registry, "memorylayer.consistency.refused", "write", waits, ConsistencyWaits::writesRefused,
                "Waits turned away because their bound was full");
    }

    private static void counter(MeterRegistry registry, String name, String kind, ConsistencyWaits waits,
            ToDoubleFunction<ConsistencyWaits> count, String description) {
        FunctionCounter.builder(name, waits, count).tag("kind", kind).description(description).register(registry);
    }
}
