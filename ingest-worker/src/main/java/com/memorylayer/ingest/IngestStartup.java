package com.memorylayer.ingest;

import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The topics exist before the listener subscribes, whichever service started first. */
@Component
class IngestStartup implements InitializingBean {

    private final String bootstrapServers;
    private final TopicSettings topics;

    IngestStartup(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, TopicSettings topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    @Override
    public void afterPropertiesSet() {
        if (topics.provisionTopics()) {
            TopicProvisioner.ensureTopics(bootstrapServers, topics);
        }
    }
}
