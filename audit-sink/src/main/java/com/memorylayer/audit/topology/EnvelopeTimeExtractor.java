package com.memorylayer.audit.topology;

import com.memorylayer.schemas.events.EventCodec;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Orders and windows events by the envelope's {@code time} (when the call happened), not by when the record
 * reached Kafka; a record without a readable time falls back to its Kafka timestamp.
 */
final class EnvelopeTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof byte[] bytes) {
            Instant time = EventCodec.timeOf(bytes);
            if (time != null) {
                return time.toEpochMilli();
            }
        }
        return Math.max(0, record.timestamp());
    }
}
