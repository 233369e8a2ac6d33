package com.memorylayer.gateway.activity;

import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.topics.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Sends audit and usage events without waiting: auditing never delays or fails the call it records. */
@Component
class AuditPublisher {

    private static final Logger log = LoggerFactory.getLogger(AuditPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;

    AuditPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    void send(Topic topic, EventEnvelope event) {
        String key = event.workspace() == null ? null : event.workspace().toString();
        try {
            kafka.send(topic.topicName(), key, EventCodec.encode(event)).whenComplete((result, error) -> {
                if (error != null) {
                    log.warn("audit event {} not written to {}: {}", event.id(), topic.topicName(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("audit event {} not written to {}: {}", event.id(), topic.topicName(), e.toString());
        }
    }
}
