package com.memorylayer.gateway.guard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxBodyBytes the largest request body accepted (2,000,000 bytes), checked before routing
 */
@ConfigurationProperties("memorylayer.http")
public record GuardProperties(long maxBodyBytes) {

    public GuardProperties {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("memorylayer.http.max-body-bytes must be positive, was " + maxBodyBytes);
        }
    }
}
