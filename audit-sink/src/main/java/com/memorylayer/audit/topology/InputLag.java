package com.memorylayer.audit.topology;

import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.telemetry.lag.ConsumerLag;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/** How many records of the audit and usage topics the sink's group has not yet committed. */
public final class InputLag {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private InputLag() {
    }

    public static long of(Admin admin, String groupId) {
        return ConsumerLag.of(admin, groupId, List.of(Topic.AUDIT.topicName(), Topic.USAGE.topicName()), TIMEOUT).values().stream()
                .mapToLong(Long::longValue).sum();
    }
}
