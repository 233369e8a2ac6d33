package com.memorylayer.schemas.topics;

import java.time.Duration;
import java.util.Objects;

/**
 * What an operator may choose about the platform's topics. Every service that provisions topics reads the same
 * settings ({@code memorylayer.kafka.*}), so whichever starts first creates them the same way.
 *
 * @param auditRetention how long {@code memorylayer.audit} keeps events (365 days unless set); it bounds how far
 *                       back a replay can rebuild the audit table
 * @param usageRetention the same for {@code memorylayer.usage}
 */
public record TopicSettings(short replicationFactor, Duration auditRetention, Duration usageRetention) {

    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(365);

    public TopicSettings {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        Objects.requireNonNull(auditRetention, "auditRetention");
        Objects.requireNonNull(usageRetention, "usageRetention");
        if (auditRetention.isNegative() || auditRetention.isZero() || usageRetention.isNegative() || usageRetention.isZero()) {
            throw new IllegalArgumentException("topic retention must be positive");
        }
    }

    public static TopicSettings defaults(short replicationFactor) {
        return new TopicSettings(replicationFactor, DEFAULT_AUDIT_RETENTION, DEFAULT_AUDIT_RETENTION);
    }

    Duration retentionOf(Topic topic) {
        return switch (topic) {
            case AUDIT -> auditRetention;
            case USAGE -> usageRetention;
            default -> topic.defaultRetention();
        };
    }
}
