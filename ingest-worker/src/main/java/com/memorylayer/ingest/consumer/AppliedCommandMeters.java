package com.memorylayer.ingest.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code memorylayer.commands.applied}: the commands this worker applied, by {@code type} (the command's event
 * type) and {@code outcome} ({@code stored}, {@code updated}, {@code merged_into} or {@code rejected}: without ids
 * or reasons, so both tags are small fixed sets). Counted once the batch has committed; its rate is the ingest rate.
 */
@Component
class AppliedCommandMeters {

    static final String APPLIED = "memorylayer.commands.applied";

    private final MeterRegistry registry;

    AppliedCommandMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(List<MemoryCommandApplier.AppliedCommand> applied) {
        for (MemoryCommandApplier.AppliedCommand command : applied) {
            Counter.builder(APPLIED).description("Commands applied").tag("type", command.type()).tag("outcome", command.outcome())
                    .register(registry).increment();
        }
    }
}
