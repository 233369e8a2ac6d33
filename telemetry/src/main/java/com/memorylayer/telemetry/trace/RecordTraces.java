package com.memorylayer.telemetry.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Spans for work done on a Kafka record, in the trace its headers carry: the producer (the gateway's Kafka template,
 * observed) wrote the W3C {@code traceparent} there. Spring Kafka observes record listeners by itself, but not batch
 * listeners, which apply many records at once; they start one of these per record.
 */
public final class RecordTraces {

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A started span named {@code name}, the child of the record's trace (a trace of its own when it carries none). */
    public Span start(String name, Headers headers) {
        return propagator.extract(headers, RecordTraces::header).name(name).kind(Span.Kind.CONSUMER).start();
    }

    /** Puts {@code span} in scope (its ids in the logging MDC) until the returned scope is closed. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
