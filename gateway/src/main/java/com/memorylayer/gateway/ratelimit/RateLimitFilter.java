package com.memorylayer.gateway.ratelimit;

import com.memorylayer.gateway.guard.ApiPaths;
import com.memorylayer.gateway.keys.ApiKeyExtractor;
import com.memorylayer.gateway.keys.PresentedKeys;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.digest.Sha256;
import com.memorylayer.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes a token for every API call and every sign-in call, before routing. An API call is charged to its key's
 * bucket once the key is authenticated (the interceptor then reuses that check), to the signed-in person's, or
 * else to the client address's — so a flood of made-up keys spends its address's tokens, never a real key's.
 * Sign-in calls and dashboard actions are charged to the address and to the person. Answers
 * {@code X-RateLimit-Limit/-Remaining/-Reset} always and 429 with {@code Retry-After} once the bucket is empty.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimitBuckets buckets;
    private final ErrorResponses errors;
    private final boolean enabled;

    private final PresentedKeys keys;
    private final RefusalMemo refusals;
    private final WorkspaceOwners owners;
    private final RefusalTarpit tarpit;
    private final RateLimitRefusalMeters meters;

    RateLimitFilter(RateLimitBuckets buckets, ErrorResponses errors, RateLimitProperties properties,
            PresentedKeys keys, RefusalMemo refusals, WorkspaceOwners owners, RefusalTarpit tarpit,
            RateLimitRefusalMeters meters) {
        this.tarpit = tarpit;
        this.meters = meters;
        this.refusals = refusals;
        this.owners = owners;
        this.buckets = buckets;
        this.keys = keys;
        this.errors = errors;
        this.enabled = properties.enabled();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !(isApi(request) || isAuth(request) || isDashboardAction(request) || isAnonymousPage(request));
    }

    /** A dashboard or invite page asked for by someone not signed in: charged to the address like any anonymous call. */
    static boolean isAnonymousPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return (path.equals("/app") || path.startsWith("/app/") || path.startsWith("/invites/"))
                && SignedInUsers.inSession(request).isEmpty();
    }

    /** A form post on the dashboard: creating workspaces, keys and invites costs like an API call. */
    static boolean isDashboardAction(HttpServletRequest request) {
        String path = request.getRequestURI();
        return (path.startsWith("/app/") || path.startsWith("/invites/")) && !request.getMethod().equals("GET")
                && !request.getMethod().equals("HEAD");
    }

    static boolean isApi(HttpServletRequest request) {
        return ApiPaths.isApi(request.getRequestURI());
    }

    static boolean isAuth(HttpServletRequest request) {
        String path = request.getRequestURI();
        // "/login/" covers GitHub's callback and the local operator's one-time links: both guess at secrets.
        return path.equals("/login") || path.startsWith("/login/") || path.startsWith("/oauth2/")
                || path.equals("/logout");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Verdict verdict;
        try {
            verdict = isAuth(request) ? new Verdict(buckets.takeAuth(address(request)), RefusedBucket.SIGN_IN, false)
                    : apiVerdict(request);
        } catch (RuntimeException e) {
            // Without the database no key can be checked and no bucket read. Nothing is let through unmetered, which
            // would open the gate to floods exactly when the service is weakest; and a signed-in person's call would
            // only fail a moment later at its own first query, after waiting for a connection again.
            log.warn("rate limiter unavailable, request refused: {}", e.toString());
            response.setHeader("Retry-After", "5");
            errors.write(response, ErrorCode.DATABASE_UNAVAILABLE, "the service cannot reach its database; retry shortly");
            return;
        }
        RateLimitDecision decision = verdict.decision();
        response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            meters.refused(verdict.bucket());
            String message = verdict.bucket().label() + " of " + decision.limit() + " requests per minute reached; retry in "
                    + decision.retryAfterSeconds() + " s";
            if (verdict.repeated()) {
                tarpit.refuse(request, response, r -> errors.write(r, ErrorCode.RATE_LIMITED, message));
            } else {
                errors.write(response, ErrorCode.RATE_LIMITED, message);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * What decided a call: the tightest bucket it took from, which kind of limit that is, and whether the refusal is
     * a repeat answered from memory.
     */
    private record Verdict(RateLimitDecision decision, RefusedBucket bucket, boolean repeated) {
    }

    /**
     * An API call or dashboard action: a key refused a moment ago is refused again from memory; otherwise the call
     * takes from its own bucket, then from its workspace's and its owner's when a key made it.
     */
    private Verdict apiVerdict(HttpServletRequest request) {
        String token = presentedToken(request);
        RefusalMemo.Refused remembered = token == null ? null : refusals.refusalOf(token);
        if (remembered != null) {
            // This very key was refused a moment ago and its bucket cannot have refilled yet.
            return new Verdict(remembered.decision(), remembered.bucket(), true);
        }
        Client client = apiClient(request);
        RateLimitDecision decision = buckets.takeApi(client.bucket());
        RefusedBucket bucket = RefusedBucket.CALLER;
        if (decision.allowed() && client.workspaceId() != null) {
            RateLimitDecision shared = buckets.takeWorkspace(client.workspaceId());
            bucket = shared.allowed() ? bucket : RefusedBucket.WORKSPACE;
            decision = decision.tighter(shared);
            if (decision.allowed()) {
                RateLimitDecision tenant = buckets.takeOwner(owners.ownerOf(client.workspaceId()));
                bucket = tenant.allowed() ? bucket : RefusedBucket.OWNER;
                decision = decision.tighter(tenant);
            }
        }
        if (!decision.allowed() && token != null) {
            refusals.remember(token, decision.retryAfterSeconds() * 1_000_000_000L, decision.limit(), bucket);
        }
        return new Verdict(decision, bucket, false);
    }

    /**
     * What a refusal of this call's key is remembered under: a hash of the presented key, so the next call with it
     * is refused without looking the key up; null when no key decides the bucket.
     */
    private static String presentedToken(HttpServletRequest request) {
        if (isDashboardAction(request)) {
            return null;
        }
        return ApiKeyExtractor.extract(request).filter(t -> !t.isEmpty()).map(t -> "token:" + Sha256.hexOf(t)).orElse(null);
    }

    /** Whose bucket a call spends, and the workspace whose shared bucket it spends too (keys only). */
    private record Client(String bucket, UUID workspaceId) {
    }

    /** The bucket of an API call or dashboard action: an authenticated key's, else the person's, else the address's. */
    private Client apiClient(HttpServletRequest request) {
        Optional<String> presented = ApiKeyExtractor.extract(request);
        if (isDashboardAction(request)) {
            // Dashboard actions are the person's, whatever headers come along: a key cannot buy them more budget.
            return new Client(personOrAddress(request), null);
        }
        if (presented.isPresent()) {
            return keys.authenticate(request, presented.get()).map(k -> new Client("key:" + k.keyId(), k.workspaceId()))
                    .orElseGet(() -> new Client(address(request), null));
        }
        return new Client(personOrAddress(request), null);
    }

    private static String personOrAddress(HttpServletRequest request) {
        return SignedInUsers.inSession(request).map(u -> "user:" + u.id()).orElseGet(() -> address(request));
    }

    private static String address(HttpServletRequest request) {
        return "ip:" + ClientAddress.bucketOf(request.getRemoteAddr());
    }
}
