package com.memorylayer.gateway.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request guard's settings, checked before routing.
 *
 * @param maxBodyBytes   the largest request body accepted (2,000,000 bytes)
 * @param allowedHosts   Host header values answered (without port); {@code *} answers any host
 * @param allowedOrigins origins besides the gateway's own from which browsers may send state-changing requests
 * @param allowedMethods the HTTP methods served at all; anything else (TRACE, CONNECT, WebDAV verbs) is 405
 * @param secureCookies  {@code auto} (the default): the session and CSRF cookies are {@code Secure}, and the session
 *                       cookie takes the {@code __Host-} prefix, whenever the gateway answers for any host but the
 *                       local ones; {@code true} or {@code false} decide it outright
 */
@ConfigurationProperties("memorylayer.http")
public record GuardProperties(long maxBodyBytes, List<String> allowedHosts, List<String> allowedOrigins,
        List<String> allowedMethods, @DefaultValue("auto") String secureCookies) {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    public GuardProperties {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("memorylayer.http.max-body-bytes must be positive, was " + maxBodyBytes);
        }
        allowedHosts = allowedHosts == null ? List.of("localhost", "127.0.0.1", "[::1]") : List.copyOf(allowedHosts);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods == null ? List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
                : List.copyOf(allowedMethods);
        secureCookies = secureCookies == null ? "auto" : secureCookies;
        if (!Set.of("auto", "true", "false").contains(secureCookies)) {
            throw new IllegalArgumentException("memorylayer.http.secure-cookies must be auto, true or false, was " + secureCookies);
        }
    }

    /** Whether the session and CSRF cookies are marked {@code Secure}. */
    public boolean cookiesSecure() {
        return switch (secureCookies) {
            case "true" -> true;
            case "false" -> false;
            default -> answersNonLocalHosts();
        };
    }

    /** True when the gateway answers for any host but localhost, 127.0.0.1 and [::1] (a "*" included). */
    public boolean answersNonLocalHosts() {
        return hosts().stream().anyMatch(h -> !LOCAL_HOSTS.contains(h));
    }

    public Set<String> hosts() {
        return allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    Set<String> methods() {
        return allowedMethods.stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
