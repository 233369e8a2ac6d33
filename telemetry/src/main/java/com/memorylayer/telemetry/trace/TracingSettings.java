package com.memorylayer.telemetry.trace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code memorylayer.tracing.*}. Spans are made and their trace ids logged and answered whatever this says; this only
 * decides whether they also leave the process.
 *
 * @param otlpEndpoint where finished spans are sent over OTLP/HTTP (a collector's {@code http://host:4318/v1/traces});
 *                     blank, the default, sends nothing ({@code MEMORYLAYER_OTLP_ENDPOINT})
 */
@ConfigurationProperties("memorylayer.tracing")
public record TracingSettings(@DefaultValue("") String otlpEndpoint) {
}
