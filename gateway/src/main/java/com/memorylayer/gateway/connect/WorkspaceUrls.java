package com.memorylayer.gateway.connect;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where one workspace's surfaces are, on the address the caller reached the gateway at. The gateway has no configured
 * public URL: the request's scheme, host and port are used, which the request guard has checked against
 * {@code memorylayer.http.allowed-hosts} (and which come from {@code X-Forwarded-*} behind a trusted proxy), as the
 * invite links do.
 *
 * @param base the gateway's address, without a trailing slash
 */
public record WorkspaceUrls(String base, String slug) {

    /** For the request being answered. */
    public static WorkspaceUrls forCurrentRequest(String slug) {
        return new WorkspaceUrls(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(), slug);
    }

    /** The workspace's route prefix, without the host: what a page of this gateway calls. */
    public String path(String suffix) {
        return "/v1/workspaces/" + slug + suffix;
    }

    /** A workspace route's full URL. */
    public String at(String suffix) {
        return base + path(suffix);
    }

    public String api() {
        return at("");
    }

    public String mcp() {
        return at("/mcp");
    }
}
