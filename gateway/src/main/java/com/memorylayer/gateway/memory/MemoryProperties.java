package com.memorylayer.gateway.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on what one remember may carry, and how long a write may wait for the event log.
 *
 * @param publishTimeout how long a write waits for Kafka's acknowledgement before answering 503
 * (How long a write with {@code ?wait=true} waits to be applied, and how many wait at once, is the query service's:
 * {@code memorylayer.command-waits.*}.)
 * @param idempotencyWindow how long an Idempotency-Key is held to the body it first came with
 */
@ConfigurationProperties("memorylayer.memory")
public record MemoryProperties(int maxContentChars, int maxTags, int maxTagChars, int maxMetadataBytes,
        Duration publishTimeout, @DefaultValue("24h") Duration idempotencyWindow) {

    public MemoryProperties {
        if (maxContentChars <= 0 || maxTags < 0 || maxTagChars <= 0 || maxMetadataBytes <= 0) {
            throw new IllegalArgumentException("memorylayer.memory limits must be positive");
        }
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(10) : publishTimeout;
    }
}
