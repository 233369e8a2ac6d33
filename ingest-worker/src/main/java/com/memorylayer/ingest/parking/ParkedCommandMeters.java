package com.memorylayer.ingest.parking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code memorylayer.ingest.parked.commands}: how many commands wait for their workspace's Postgres server. */
@Component
class ParkedCommandMeters {

    ParkedCommandMeters(MeterRegistry registry, ParkedCommands parked) {
        Gauge.builder("memorylayer.ingest.parked.commands", parked, ParkedCommands::count)
                .description("commands parked until their workspace's Postgres server answers")
                .register(registry);
    }
}
