package com.memorylayer.audit.topology;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param applicationId the Kafka Streams application id (and consumer group); resetting it replays the topic
 * @param stateDirectory where Kafka Streams keeps its local state
 */
@ConfigurationProperties("memorylayer.audit-sink")
public record AuditSinkProperties(String bootstrapServers, String applicationId, Path stateDirectory) {
}
