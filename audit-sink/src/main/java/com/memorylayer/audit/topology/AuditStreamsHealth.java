package com.memorylayer.audit.topology;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The sink's readiness on the management port ({@code /actuator/health/readiness}, group
 * {@code management.endpoint.health.group.readiness} in {@code audit-sink.yml}): up while its Kafka Streams
 * application is RUNNING. Rebalancing, starting, or dead after an error, it materialises nothing.
 */
@Component(AuditStreamsHealth.NAME)
class AuditStreamsHealth implements HealthIndicator {

    /** The contributor's name, as the readiness group in {@code audit-sink.yml} lists it. */
    static final String NAME = "sinkStreams";

    private final AuditStreams streams;

    AuditStreamsHealth(AuditStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        return streams.isConsuming() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "the streams application is not RUNNING").build();
    }
}
