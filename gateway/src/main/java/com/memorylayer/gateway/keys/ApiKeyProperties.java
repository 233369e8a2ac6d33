package com.memorylayer.gateway.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param hashSecret          server secret for the HMAC-SHA256 under which key secrets are stored; a database
 *                            dump alone cannot be used to check guessed keys
 * @param lastUsedGranularity how stale {@code last_used_at} may get, so authentication is not a write per call
 */
@ConfigurationProperties("memorylayer.keys")
public record ApiKeyProperties(String hashSecret, Duration lastUsedGranularity) {

    public ApiKeyProperties {
        if (hashSecret == null || hashSecret.length() < 16) {
            throw new IllegalArgumentException(
                    "memorylayer.keys.hash-secret (MEMORYLAYER_KEY_HASH_SECRET) must be set to at least 16 characters");
        }
        lastUsedGranularity = lastUsedGranularity == null ? Duration.ofMinutes(1) : lastUsedGranularity;
    }
}
