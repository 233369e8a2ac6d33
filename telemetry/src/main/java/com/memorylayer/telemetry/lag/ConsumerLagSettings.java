package com.memorylayer.telemetry.lag;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code memorylayer.consumer-lag.*}, from the shared {@code memorylayer-kafka.yml}.
 *
 * @param interval how often a consuming service reads its groups' lag from the brokers (three small admin requests
 *                 per group); default 15 s, Prometheus's usual scrape interval
 */
@ConfigurationProperties("memorylayer.consumer-lag")
public record ConsumerLagSettings(@DefaultValue("15s") Duration interval) {

    public ConsumerLagSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("memorylayer.consumer-lag.interval must be positive, not " + interval);
        }
    }
}
