package com.memorylayer.gateway.members;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultLifetime how long an invite stays valid when its maker does not say (7 days)
 * @param maxLifetime     the longest an invite may be valid (30 days)
 */
@ConfigurationProperties("memorylayer.invites")
public record InviteProperties(Duration defaultLifetime, Duration maxLifetime) {

    public InviteProperties {
        defaultLifetime = defaultLifetime == null ? Duration.ofDays(7) : defaultLifetime;
        maxLifetime = maxLifetime == null ? Duration.ofDays(30) : maxLifetime;
    }
}
