package com.memorylayer.gateway.guard;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The checks made before anything routes a request: the method is one we serve, the Host is one we answer for,
 * the raw path is plain, and a browser's state-changing request comes from an origin we trust. Paths are refused
 * rather than normalised: {@code /v1/workspaces/a/../b} must never reach workspace {@code b}'s routes by a detour
 * that some layer normalises and another does not.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class RequestGuardFilter extends OncePerRequestFilter {

    /**
     * Any percent-encoding at all (no route of ours needs one: slugs, ids and tokens are plain ASCII, and an
     * encoded letter such as {@code /%761/} would match {@code /v1/} routes after decoding while slipping past
     * every check made on the raw path), a backslash, path parameters, an empty segment.
     */
    private static final Pattern SUSPICIOUS = Pattern.compile("%|\\\\|;|//");

    private final ErrorResponses errors;
    private final Set<String> hosts;
    private final boolean anyHost;
    private final Set<String> methods;
    private final Set<String> origins;

    private final boolean forwardHeaders;

    RequestGuardFilter(GuardProperties properties, ErrorResponses errors,
            @Value("${server.forward-headers-strategy:none}") String forwardHeadersStrategy) {
        this.errors = errors;
        this.forwardHeaders = !forwardHeadersStrategy.equalsIgnoreCase("none");
        this.hosts = properties.hosts();
        this.anyHost = hosts.contains("*");
        this.methods = properties.methods();
        this.origins = Set.copyOf(properties.allowedOrigins());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!methods.contains(method)) {
            errors.write(response, ErrorCode.METHOD_NOT_ALLOWED, method + " is not served here");
            return;
        }
        if (!anyHost && (!hosts.contains(hostOf(request.getHeader("Host"), request)) || !forwardedHostAllowed(request))) {
            errors.write(response, ErrorCode.HOST_NOT_ALLOWED, "this service does not answer for that host");
            return;
        }
        if (!isPlainPath(request.getRequestURI())) {
            errors.write(response, ErrorCode.INVALID_PATH,
                    "the path has dot segments, percent-encoding, backslashes, path parameters or empty segments");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && StateChangingMethods.contains(method) && !origin.equals(ownOrigin(request)) && !origins.contains(origin)) {
            errors.write(response, ErrorCode.ORIGIN_NOT_ALLOWED, "requests from origin " + origin + " are not allowed");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isPlainPath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || SUSPICIOUS.matcher(rawPath).find()) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Behind a proxy the gateway takes its host name (for its own origin, sign-in callbacks) from X-Forwarded-Host,
     * so that host must be one it answers for as well.
     */
    private boolean forwardedHostAllowed(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Host");
        if (!forwardHeaders || forwarded == null || forwarded.isBlank()) {
            return true;
        }
        return hosts.contains(hostOf(forwarded.split(",")[0], request));
    }

    private static String hostOf(String host, HttpServletRequest request) {
        if (host == null || host.isBlank()) {
            return request.getServerName().toLowerCase(Locale.ROOT);
        }
        host = host.trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        // "[::1]:8080" keeps its brackets; a bare "[::1]" has its last colon inside them.
        if (colon > host.lastIndexOf(']')) {
            host = host.substring(0, colon);
        }
        return host;
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
