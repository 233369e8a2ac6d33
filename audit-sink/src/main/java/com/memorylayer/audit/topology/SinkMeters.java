package com.memorylayer.audit.topology;

import com.memorylayer.audit.trail.AuditTrailProcessor;
import com.memorylayer.audit.usage.UsageProcessor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The sink's writes to Postgres, per {@code processor} ({@code audit-trail}, {@code usage-windows}):
 * {@code memorylayer.auditsink.flush} (count and total time of the flushes), {@code memorylayer.auditsink.flush.failures}
 * (flushes Postgres refused; their rows are kept and retried) and {@code memorylayer.auditsink.pending} (rows held in
 * the state stores, not yet written). Its lag on the input topics is {@code memorylayer.consumer.lag}.
 */
@Component
class SinkMeters {

    SinkMeters(AuditStreams streams, MeterRegistry registry) {
        SinkBacklog backlog = streams.backlog();
        for (String processor : List.of(AuditTrailProcessor.NAME, UsageProcessor.NAME)) {
            SinkBacklog.FlushTotals totals = backlog.flushTotals(processor);
            FunctionTimer.builder("memorylayer.auditsink.flush", totals, t -> t.count().sum(), t -> t.nanos().sum(),
                    TimeUnit.NANOSECONDS).tag("processor", processor).description("Writes of pending rows to Postgres")
                    .register(registry);
            FunctionCounter.builder("memorylayer.auditsink.flush.failures", totals, t -> t.failed().sum())
                    .tag("processor", processor).description("Writes Postgres refused (rows kept and retried)").register(registry);
        }
        Gauge.builder("memorylayer.auditsink.pending", backlog, SinkBacklog::pending)
                .description("Rows held in the state stores, not yet written").register(registry);
    }
}
