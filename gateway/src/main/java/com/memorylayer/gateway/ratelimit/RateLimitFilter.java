package com.memorylayer.gateway.ratelimit;

import com.memorylayer.gateway.error.ErrorResponses;
import com.memorylayer.gateway.keys.ApiKeyToken;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes a token for every API call (from the key's bucket, else the signed-in person's, else the client
 * address's) and every sign-in call (the client address's), before authentication: a flood of bad keys is
 * limited like any other. Answers {@code X-RateLimit-Limit/-Remaining/-Reset} always and 429 with
 * {@code Retry-After} once the bucket is empty.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimitBuckets buckets;
    private final ErrorResponses errors;
    private final boolean enabled;

    RateLimitFilter(RateLimitBuckets buckets, ErrorResponses errors, RateLimitProperties properties) {
        this.buckets = buckets;
        this.errors = errors;
        this.enabled = properties.enabled();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !(isApi(request) || isAuth(request));
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/v1/");
    }

    static boolean isAuth(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/login") || path.startsWith("/oauth2/") || path.startsWith("/login/oauth2/")
                || path.equals("/logout");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimitDecision decision;
        try {
            decision = isApi(request) ? buckets.takeApi(apiClient(request)) : buckets.takeAuth("ip:" + request.getRemoteAddr());
        } catch (RuntimeException e) {
            // Failing open: the limiter protects capacity, and a request that cannot reach Postgres fails anyway.
            log.warn("rate limiter unavailable, request let through: {}", e.toString());
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            errors.write(response, 429, ErrorCode.RATE_LIMITED,
                    "rate limit of " + decision.limit() + " requests per minute reached; retry in "
                            + decision.retryAfterSeconds() + " s");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The bucket of an API call: the key's prefix (unverified — a wrong secret still spends its prefix's tokens). */
    private static String apiClient(HttpServletRequest request) {
        String presented = request.getHeader("X-API-Key");
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7);
        }
        var token = ApiKeyToken.parse(presented);
        if (token.isPresent()) {
            return "key:" + token.get().prefix();
        }
        return SignedInUsers.inSession(request).map(u -> "user:" + u.id()).orElseGet(() -> "ip:" + request.getRemoteAddr());
    }
}
