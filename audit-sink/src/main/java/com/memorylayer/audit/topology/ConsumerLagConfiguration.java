package com.memorylayer.audit.topology;

import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.telemetry.lag.ConsumerLagGauges;
import com.memorylayer.telemetry.lag.ConsumerLagSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code memorylayer.consumer.lag} of the sink's group (its Kafka Streams application id) on the audit and usage
 * topics: the audit-sink's lag, how far the materialised tables are behind the calls.
 */
@Configuration
class ConsumerLagConfiguration {

    @Bean(destroyMethod = "close")
    ConsumerLagGauges consumerLagGauges(AuditSinkProperties properties, ConsumerLagSettings settings, MeterRegistry registry) {
        return ConsumerLagGauges.start(properties.bootstrapServers(), List.of(new ConsumerLagGauges.Group(
                properties.applicationId(), List.of(Topic.AUDIT.topicName(), Topic.USAGE.topicName()))), registry, settings.interval());
    }
}
