package com.memorylayer.ingest;

import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The topics exist before the listener subscribes, whichever service started first. */
@Component
class IngestStartup implements InitializingBean {

    private final String bootstrapServers;
    private final TopicSettings topics;

    IngestStartup(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${memorylayer.kafka.replication-factor:1}") short replicationFactor,
            @Value("${memorylayer.kafka.audit-retention:365d}") Duration auditRetention,
            @Value("${memorylayer.kafka.usage-retention:365d}") Duration usageRetention) {
        this.bootstrapServers = bootstrapServers;
        this.topics = new TopicSettings(replicationFactor, auditRetention, usageRetention);
    }

    @Override
    public void afterPropertiesSet() {
        TopicProvisioner.ensureTopics(bootstrapServers, topics);
    }
}
