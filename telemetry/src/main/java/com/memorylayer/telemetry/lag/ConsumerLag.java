package com.memorylayer.telemetry.lag;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * How many records of each partition of some topics a consumer group has not committed: the partition's end offset
 * less the group's committed offset, or less its earliest offset where the group never committed (what retention
 * deleted was never there to read). The one reading behind the lag gauges and the audit-sink's "caught up".
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Each partition's lag; throws {@link IllegalStateException} when the brokers do not say within {@code timeout} a request. */
    public static Map<TopicPartition, Long> of(Admin admin, String groupId, List<String> topics, Duration timeout) {
        long wait = timeout.toMillis();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        try {
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(wait, TimeUnit.MILLISECONDS).values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
                    earliest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.earliest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(wait, TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(wait, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(wait, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long from = done == null ? starts.get(partition).offset() : done.offset();
                lag.put(partition, Math.max(0, end.offset() - from));
            });
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the lag of " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of " + groupId + ": " + e, e);
        }
    }
}
