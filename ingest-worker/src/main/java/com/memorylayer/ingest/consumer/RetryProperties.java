package com.memorylayer.ingest.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a batch that fails to apply (Postgres away, a schema in trouble) is retried: from {@code initialInterval},
 * doubling up to {@code maxInterval}, for as long as it takes.
 */
@ConfigurationProperties("memorylayer.ingest.retry")
public record RetryProperties(Duration initialInterval, Duration maxInterval) {

    public RetryProperties {
        initialInterval = initialInterval == null ? Duration.ofMillis(200) : initialInterval;
        maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
    }
}
