package com.memorylayer.gateway.workspace;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code memorylayer.exports.running}: exports streaming through this gateway now (bounded by its export slots). */
@Component
class ExportMeters {

    ExportMeters(WorkspaceExport exports, MeterRegistry registry) {
        Gauge.builder("memorylayer.exports.running", exports, WorkspaceExport::running)
                .description("Exports streaming through this gateway").register(registry);
    }
}
