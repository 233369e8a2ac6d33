package com.memorylayer.ingest;

import com.memorylayer.schemas.topics.TopicProvisioner;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The topics exist before the listener subscribes, whichever service started first. */
@Component
class IngestStartup implements InitializingBean {

    private final String bootstrapServers;
    private final short replicationFactor;

    IngestStartup(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${memorylayer.kafka.replication-factor:1}") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
    }

    @Override
    public void afterPropertiesSet() {
        TopicProvisioner.ensureTopics(bootstrapServers, replicationFactor);
    }
}
