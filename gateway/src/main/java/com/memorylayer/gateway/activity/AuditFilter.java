package com.memorylayer.gateway.activity;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.guard.ApiPaths;
import com.memorylayer.gateway.guard.StateChangingMethods;
import com.memorylayer.gateway.keys.AuthenticatedKey;
import com.memorylayer.gateway.keys.PresentedKeys;
import com.memorylayer.gateway.login.SignedInUsers;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.events.UsageRecorded;
import com.memorylayer.schemas.topics.Topic;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Emits an audit event for every successful API call and dashboard action, and for the failures worth keeping
 * (401, 403, 413, 429), and a usage event for every API call on a known workspace, whatever its answer (its 4xx
 * and 5xx counts make the workspace's failure rate). It is the outermost filter
 * but Spring Session's (which makes the shared session visible to it), so refusals made before routing (the body
 * limit, the rate limiter) are recorded too. A refusal of a call that
 * named no workspace and no person is only counted ({@link AnonymousRefusals}). Sending is asynchronous: auditing
 * never delays or fails the call it records.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AuditFilter extends OncePerRequestFilter {

    /** The request attribute where a tool call names its tool, for the audit row. */
    public static final String TOOL = "memorylayer.audit.tool";
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<Integer> AUDITED_FAILURES = Set.of(401, 403, 413, 429);
    /** The local operator's one-time sign-in: a GET, yet it grants a workspace's owner rights. */
    private static final String LOCAL_SIGN_IN = "/login/local/";

    private final AuditPublisher publisher;
    private final AnonymousRefusals anonymousRefusals;

    AuditFilter(AuditPublisher publisher, AnonymousRefusals anonymousRefusals) {
        this.publisher = publisher;
        this.anonymousRefusals = anonymousRefusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        // Dashboard page views are not audited, the actions taken on them are.
        return !(ApiPaths.isApi(path) || path.startsWith(LOCAL_SIGN_IN)
                || ((path.startsWith("/app/") || path.startsWith("/invites/")) && StateChangingMethods.contains(request.getMethod())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        response.setHeader(RequestIds.HEADER, RequestIds.of(request));
        boolean async = false;
        try {
            chain.doFilter(request, response);
            async = request.isAsyncStarted();
        } finally {
            if (async) {
                // An asynchronous route (recall) answers later, from another thread: record it then.
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(request, response.getStatus(), (System.nanoTime() - started) / 1_000_000);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                record(request, response.getStatus(), (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private void record(HttpServletRequest request, int status, long latencyMs) {
        WorkspaceCaller caller = WorkspaceCaller.of(request).orElse(null);
        // A genuine key refused before admission (its bucket was empty) still belongs to its workspace's trail.
        AuthenticatedKey refusedKey = caller == null ? PresentedKeys.authenticated(request).orElse(null) : null;
        UUID workspace = caller != null ? caller.workspace().id() : refusedKey != null ? refusedKey.workspaceId() : null;
        UUID keyId = caller != null ? caller.keyId() : refusedKey != null ? refusedKey.keyId() : null;
        Instant now = Instant.now();
        if (workspace != null && ApiPaths.isApi(request.getRequestURI())) {
            // Every call on a known workspace is metered, whatever its answer: its 4xx and 5xx counts are what the
            // workspace's failure rate is made of.
            MeteredUnits units = MeteredUnits.of(request);
            long bytesIn = Math.max(0, request.getContentLengthLong());
            long bytesOut = ResponseSizeFilter.bytesWritten(request);
            UsageRecorded usage = new UsageRecorded(1, bytesIn, bytesOut, units.memoriesWritten(), units.recalls(), status,
                    units.memoriesEdited(), units.memoriesForgotten(), units.memoriesErased());
            publisher.send(Topic.USAGE, EventEnvelope.wrap(UUID.randomUUID(), EventSource.GATEWAY, now, workspace, keyId, null, usage));
        }
        if (!(status < 400 || AUDITED_FAILURES.contains(status))) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = request.getMethod() + " " + (pattern == null ? "unmatched" : pattern);
        UUID userId = caller != null ? caller.userId() : SignedInUsers.inSession(request).map(u -> u.id()).orElse(null);
        if (status >= 400 && workspace == null && userId == null) {
            // Nobody could ever read a row of its own about this call: counted per address and minute instead.
            anonymousRefusals.count(request.getRemoteAddr(), status);
            return;
        }
        RequestAudited audited = new RequestAudited(route, request.getMethod(), status, latencyMs,
                RequestIds.of(request), request.getRemoteAddr(), userId,
                request.getAttribute(TOOL) instanceof String tool ? tool : null);
        publisher.send(Topic.AUDIT, EventEnvelope.wrap(UUID.randomUUID(), EventSource.GATEWAY, now, workspace, keyId, null, audited));
    }
}
