package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.telemetry.trace.TraceHeaders;
import com.memorylayer.web.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends memory commands to Kafka and waits for the acknowledgement ({@code acks=all}, idempotent producer):
 * a 202 is only answered for a write the log holds. When the log does not take it in time the client gets a
 * 503 and retries; a retry with the same Idempotency-Key yields the same event id, so the rare write that did
 * land despite the timeout is not applied twice.
 *
 * <p>Each record carries the request's trace context in its headers ({@code traceparent}), so the ingest worker
 * applies the command in the request's trace. Written here rather than by the template's observation, which would
 * look the cluster id up through an admin client on every send until it knows it: seconds per write while Kafka is
 * away, exactly when a write must fail fast.
 */
@Component
public class MemoryCommandPublisher {

    private static final Logger log = LoggerFactory.getLogger(MemoryCommandPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final MemoryProperties properties;
    private final TraceHeaders trace;

    MemoryCommandPublisher(KafkaTemplate<String, byte[]> kafka, MemoryProperties properties, TraceHeaders trace) {
        this.kafka = kafka;
        this.properties = properties;
        this.trace = trace;
    }

    public void publish(EventEnvelope command) {
        publish(Topic.MEMORY_COMMANDS, command);
    }

    public void publish(Topic topic, EventEnvelope command) {
        publish(topic, command, EventCodec.encode(command));
    }

    /** As {@link #publish(EventEnvelope)}, to another command topic (bulk requests go to their own), already encoded. */
    public void publish(Topic topic, EventEnvelope command, byte[] encoded) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), command.workspace().toString(), encoded);
            trace.current().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            kafka.send(record)
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(command, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(command, e);
        }
    }

    private static ApiException unavailable(EventEnvelope command, Exception cause) {
        log.warn("event log did not take command {}: {}", command.id(), cause.toString());
        return new ApiException(ErrorCode.EVENT_LOG_UNAVAILABLE,
                "the write was not accepted because the event log is unavailable; retry with the same Idempotency-Key");
    }
}
