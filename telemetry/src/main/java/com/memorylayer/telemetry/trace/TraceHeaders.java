package com.memorylayer.telemetry.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current span's context as W3C headers ({@code traceparent}), for a call the service makes with a client Boot
 * does not instrument: the gateway's own HTTP client to the query service. Taken on the request's thread, since a
 * retry on another replica runs on the client's.
 */
public final class TraceHeaders {

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceHeaders(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Empty when no span is current (tracing off, or a call made outside a request). */
    public Map<String, String> current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return headers;
    }
}
