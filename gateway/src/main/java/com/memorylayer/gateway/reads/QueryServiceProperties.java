package com.memorylayer.gateway.reads;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a workspace's reads go: the query replicas, named by a list of base URLs or found by DNS (every address of
 * {@code dnsName}, e.g. a Kubernetes headless Service), refreshed and probed every {@code refreshInterval}. The read
 * timeout covers the query service's wait for a consistency token.
 *
 * @param urls the replicas' base URLs (ignored when {@code dnsName} is set)
 * @param dnsName {@code host:port} whose every address is a replica; blank for the list
 */
@ConfigurationProperties("memorylayer.query")
public record QueryServiceProperties(List<String> urls, String dnsName, Duration refreshInterval, Duration connectTimeout,
        Duration readTimeout) {

    public QueryServiceProperties {
        urls = urls == null ? List.of() : urls.stream().map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        dnsName = dnsName == null || dnsName.isBlank() ? null : dnsName.strip();
        if (urls.isEmpty() && dnsName == null) {
            throw new IllegalArgumentException(
                    "memorylayer.query.urls (MEMORYLAYER_QUERY_URLS) or memorylayer.query.dns-name (MEMORYLAYER_QUERY_DNS) must be set");
        }
        if (dnsName != null && !dnsName.matches("[A-Za-z0-9.-]+:\\d{1,5}")) {
            throw new IllegalArgumentException("memorylayer.query.dns-name must be host:port, e.g. query-service:8081; got " + dnsName);
        }
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(2) : refreshInterval;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    /** For tests and tools that name their replicas directly. */
    public static QueryServiceProperties of(List<String> urls) {
        return new QueryServiceProperties(urls, null, null, null, null);
    }
}
