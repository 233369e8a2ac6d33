package com.memorylayer.gateway.connect;

import java.net.URI;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code memorylayer.public-url} ({@code MEMORYLAYER_PUBLIC_URL}): the address clients reach the gateway at, for the
 * URLs connection kits hand out. When set it wins over the request's scheme, host and port, so a kit fetched through
 * another name or port (a health check on the pod's port, a Host header naming another port) still points clients at
 * the public address. Checked at start: an absolute http(s) URL with a host, a port (when it names one) in 1–65535,
 * no query or fragment; a path is kept (a gateway behind a proxy's prefix) without its trailing slash.
 *
 * @param publicUrl null or blank: kits use the address the request reached the gateway at
 */
@ConfigurationProperties("memorylayer")
public record PublicUrlProperties(String publicUrl) {

    public PublicUrlProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : checked(publicUrl.strip());
    }

    private static String checked(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("memorylayer.public-url '" + value + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("memorylayer.public-url '" + value + "' must start with https:// (or http://)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("memorylayer.public-url '" + value + "' names no host (or a port that is not a number)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("memorylayer.public-url '" + value + "' names port " + uri.getPort()
                    + "; a port is 1–65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("memorylayer.public-url '" + value + "' must be a plain base URL, without "
                    + "credentials, query or fragment");
        }
        String base = uri.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
