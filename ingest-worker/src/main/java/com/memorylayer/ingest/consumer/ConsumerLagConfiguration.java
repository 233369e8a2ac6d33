package com.memorylayer.ingest.consumer;

import com.memorylayer.ingest.bulk.BulkItemsListener;
import com.memorylayer.telemetry.lag.ConsumerLagGauges;
import com.memorylayer.telemetry.lag.ConsumerLagSettings;
import com.memorylayer.schemas.topics.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code memorylayer.consumer.lag} of the worker's three consumer groups, each on its one topic. */
@Configuration
class ConsumerLagConfiguration {

    @Bean(destroyMethod = "close")
    ConsumerLagGauges consumerLagGauges(KafkaProperties kafka, ConsumerLagSettings settings, MeterRegistry registry) {
        List<ConsumerLagGauges.Group> groups = List.of(
                new ConsumerLagGauges.Group(MemoryCommandListener.LISTENER_ID, List.of(Topic.MEMORY_COMMANDS.topicName())),
                new ConsumerLagGauges.Group(BulkItemsListener.LISTENER_ID, List.of(Topic.MEMORY_BULK.topicName())),
                new ConsumerLagGauges.Group(MaintenanceListener.LISTENER_ID, List.of(Topic.MEMORY_MAINTENANCE.topicName())));
        return ConsumerLagGauges.start(String.join(",", kafka.getBootstrapServers()), groups, registry, settings.interval());
    }
}
