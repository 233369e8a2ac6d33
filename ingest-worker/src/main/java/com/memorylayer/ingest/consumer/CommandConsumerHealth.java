package com.memorylayer.ingest.consumer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The worker's readiness on the management port ({@code /actuator/health/readiness}, group
 * {@code management.endpoint.health.group.readiness} in {@code ingest-worker.yml}): up once the command listener has
 * joined its group and owns partitions. A worker that is alive but unassigned (still joining, or one more worker than
 * the topic has partitions) applies nothing, and a rollout should wait for it rather than count it.
 */
@Component(CommandConsumerHealth.NAME)
class CommandConsumerHealth implements HealthIndicator {

    /** The contributor's name, as the readiness group in {@code ingest-worker.yml} lists it. */
    static final String NAME = "commandConsumer";

    private final CommandConsumerReadiness readiness;

    CommandConsumerHealth(CommandConsumerReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public Health health() {
        return readiness.isConsuming() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "the command listener owns no partitions yet").build();
    }
}
