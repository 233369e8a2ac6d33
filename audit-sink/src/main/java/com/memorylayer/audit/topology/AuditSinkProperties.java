package com.memorylayer.audit.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param applicationId   the Kafka Streams application id (and consumer group); a replay resets it
 * @param stateDirectory  where Kafka Streams keeps its local state stores
 * @param grace           how late (behind the newest event seen on its partition) a usage event may arrive and
 *                        still land in its window; later ones are logged and dropped, because their window's
 *                        running total is no longer held and a fresh one would overwrite the stored total
 * @param dedupRetention  how long event ids are remembered to drop a duplicate usage event
 * @param commitInterval  how often the exactly-once transaction commits (Kafka Streams' own default under
 *                        exactly-once is 100 ms; every commit flushes the state stores and writes transaction
 *                        markers, work that competes with recall for the CPU)
 * @param flushInterval   how often pending audit rows and changed usage windows are written to Postgres
 * @param flushBatch      pending rows that trigger a write before the interval is up
 * @param streams         further Kafka Streams settings, passed as they are (e.g. {@code session.timeout.ms})
 */
@ConfigurationProperties("memorylayer.audit-sink")
public record AuditSinkProperties(
        String bootstrapServers,
        @DefaultValue("memorylayer-audit-sink") String applicationId,
        Path stateDirectory,
        @DefaultValue("10m") Duration grace,
        @DefaultValue("24h") Duration dedupRetention,
        @DefaultValue("1s") Duration commitInterval,
        @DefaultValue("500ms") Duration flushInterval,
        @DefaultValue("2000") int flushBatch,
        Map<String, String> streams) {

    public AuditSinkProperties {
        streams = streams == null ? Map.of() : Map.copyOf(streams);
    }
}
