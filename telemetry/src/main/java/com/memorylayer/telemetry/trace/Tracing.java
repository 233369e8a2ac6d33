package com.memorylayer.telemetry.trace;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a service imports to take part in traces beyond what Spring Boot does by itself (HTTP server spans, Kafka
 * template spans, the trace id in the log lines): the OTLP exporter when {@code memorylayer.tracing.otlp-endpoint}
 * is set, and the helpers that carry trace context where Boot does not (the gateway's own HTTP client, the ingest
 * worker's batch listener).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TracingSettings.class)
public class Tracing {

    /** Boot's OpenTelemetry tracer provider sends every finished span to each exporter bean. */
    @Bean
    @ConditionalOnExpression("!'${memorylayer.tracing.otlp-endpoint:}'.isBlank()")
    OtlpHttpSpanExporter otlpSpanExporter(TracingSettings settings) {
        return OtlpHttpSpanExporter.builder().setEndpoint(settings.otlpEndpoint()).build();
    }

    @Bean
    TraceHeaders traceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceHeaders(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    RecordTraces recordTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new RecordTraces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
