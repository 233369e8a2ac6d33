package com.memorylayer.gateway.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long people's sessions live. A session exists only for a sign-in under way or a person signed in: anonymous
 * page views get none.
 *
 * @param preLoginTimeout  idle lifetime of a session that is not signed in yet (an OAuth sign-in under way)
 * @param idleTimeout      idle lifetime of a signed-in session
 * @param absoluteLifetime how long a signed-in session lives however busy it is; then the person signs in again
 * @param maxActive        sessions all gateways together hold at most (they share one table); past it, new
 *                         sign-ins get 503 (a backstop on the table's size: sign-in is rate-limited per address
 *                         and pre-login sessions expire within minutes)
 */
@ConfigurationProperties("memorylayer.sessions")
public record SessionProperties(@DefaultValue("10m") Duration preLoginTimeout, @DefaultValue("12h") Duration idleTimeout,
        @DefaultValue("7d") Duration absoluteLifetime, @DefaultValue("10000") int maxActive) {

    public SessionProperties {
        if (maxActive < 1 || preLoginTimeout.isNegative() || idleTimeout.isNegative() || absoluteLifetime.isNegative()) {
            throw new IllegalArgumentException("memorylayer.sessions.* must be positive");
        }
    }
}
