package com.memorylayer.query.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How recalls wait for the writes named by their consistency tokens.
 *
 * @param tokenSecret           the server secret tokens are signed under; the gateway's must be the same
 * @param maxWait               how long a recall waits for its write to be applied before it answers 503
 * @param tokenLifetime         a token older than this is not waited on: its write is applied or it never will be
 *                              in any wait worth holding a request for
 * @param maxWaitsPerWorkspace  recalls one workspace may have waiting at once; more are refused at once (503)
 * @param maxWaits              recalls all workspaces together may have waiting at once
 * @param pollInterval          how often the waiting recalls' event ids are looked up, one query per workspace
 * @param maxLookupsPerWorkspace a token's first look at whether its write is applied takes a connection of the main
 *                              pool recall shares with every tenant; one workspace runs at most this many at once
 * @param lookupWait            how long a token waits for one of those, then is refused (503 consistency_waits_busy)
 */
@ConfigurationProperties("memorylayer.consistency")
public record ConsistencyProperties(String tokenSecret, @DefaultValue("10s") Duration maxWait,
        @DefaultValue("15m") Duration tokenLifetime, @DefaultValue("8") int maxWaitsPerWorkspace,
        @DefaultValue("64") int maxWaits, @DefaultValue("15ms") Duration pollInterval,
        @DefaultValue("4") int maxLookupsPerWorkspace, @DefaultValue("250ms") Duration lookupWait) {

    public ConsistencyProperties {
        if (tokenSecret == null || tokenSecret.length() < 16) {
            throw new IllegalArgumentException("memorylayer.consistency.token-secret (MEMORYLAYER_TOKEN_SECRET, else "
                    + "MEMORYLAYER_KEY_HASH_SECRET) must be set to at least 16 characters, the gateway's secret");
        }
        if (maxWaitsPerWorkspace < 1 || maxWaits < maxWaitsPerWorkspace || pollInterval.isZero() || pollInterval.isNegative()
                || maxLookupsPerWorkspace < 1 || lookupWait.isNegative()) {
            throw new IllegalArgumentException("memorylayer.consistency limits are inconsistent");
        }
    }
}
