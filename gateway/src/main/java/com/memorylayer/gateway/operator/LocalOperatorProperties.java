package com.memorylayer.gateway.operator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param linkLifetime how long a local operator's one-time sign-in link may wait to be opened (5 minutes): it is
 *                     printed to a terminal, and terminals are scrolled back, logged and shared
 */
@ConfigurationProperties("memorylayer.local-operator")
public record LocalOperatorProperties(Duration linkLifetime) {

    public LocalOperatorProperties {
        linkLifetime = linkLifetime == null ? Duration.ofMinutes(5) : linkLifetime;
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("memorylayer.local-operator.link-lifetime must be positive");
        }
    }
}
