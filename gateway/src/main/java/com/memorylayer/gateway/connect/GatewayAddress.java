package com.memorylayer.gateway.connect;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The gateway's address for the URLs it hands out: {@code memorylayer.public-url} when it is set, whatever host and
 * port the request named; otherwise the request's scheme, host and port, which the request guard has checked against
 * {@code memorylayer.http.allowed-hosts} (and which come from {@code X-Forwarded-*} behind a trusted proxy).
 */
@Component
public class GatewayAddress {

    private final String configured;

    GatewayAddress(PublicUrlProperties properties) {
        this.configured = properties.publicUrl();
    }

    /** One workspace's URLs, for the request being answered. */
    public WorkspaceUrls workspace(String slug) {
        return new WorkspaceUrls(base(), slug);
    }

    /** Without a trailing slash. */
    public String base() {
        return configured != null ? configured : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /** Whether the base comes from {@code memorylayer.public-url} rather than the request. */
    public boolean configured() {
        return configured != null;
    }
}
