package com.memorylayer.gateway.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param hashSecret          server secret for the HMAC-SHA256 under which key secrets are stored; a database
 *                            dump alone cannot be used to check guessed keys
 * @param lastUsedGranularity how stale {@code last_used_at} may get, so authentication is not a write per call
 * @param maxPerWorkspace     active keys one workspace may hold (50): keys are free, and each has its own rate
 *                            limit
 */
@ConfigurationProperties("memorylayer.keys")
public record ApiKeyProperties(String hashSecret, Duration lastUsedGranularity, int maxPerWorkspace) {

    public static final int DEFAULT_MAX_PER_WORKSPACE = 50;

    /** For tools that only hash (the admin CLI): the shipped key limit. */
    public ApiKeyProperties(String hashSecret, Duration lastUsedGranularity) {
        this(hashSecret, lastUsedGranularity, DEFAULT_MAX_PER_WORKSPACE);
    }

    @ConstructorBinding
    public ApiKeyProperties {
        if (hashSecret == null || hashSecret.length() < 16) {
            throw new IllegalArgumentException(
                    "memorylayer.keys.hash-secret (MEMORYLAYER_KEY_HASH_SECRET) must be set to at least 16 characters");
        }
        lastUsedGranularity = lastUsedGranularity == null ? Duration.ofMinutes(1) : lastUsedGranularity;
        maxPerWorkspace = maxPerWorkspace == 0 ? DEFAULT_MAX_PER_WORKSPACE : maxPerWorkspace;
        if (maxPerWorkspace < 1) {
            throw new IllegalArgumentException("memorylayer.keys.max-per-workspace must be positive");
        }
    }
}
