package com.memorylayer.gateway.connect;

/**
 * Where one workspace's surfaces are, on the gateway's address as {@link GatewayAddress} chooses it (the configured
 * public URL, or the address the caller reached the gateway at).
 *
 * @param base the gateway's address, without a trailing slash
 */
public record WorkspaceUrls(String base, String slug) {

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
