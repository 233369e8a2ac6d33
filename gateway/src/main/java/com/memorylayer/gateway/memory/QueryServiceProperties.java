package com.memorylayer.gateway.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where recalls go. The read timeout covers the query service's wait for a consistency token.
 */
@ConfigurationProperties("memorylayer.query")
public record QueryServiceProperties(String url, Duration connectTimeout, Duration readTimeout) {

    public QueryServiceProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("memorylayer.query.url (MEMORYLAYER_QUERY_URL) must be set");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }
}
