package com.memorylayer.gateway.audit;

import com.memorylayer.gateway.GatewayApplication;
import com.memorylayer.gateway.auth.WorkspaceCaller;
import com.memorylayer.gateway.auth.WorkspaceKeyInterceptor;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.events.UsageRecorded;
import com.memorylayer.schemas.topics.Topic;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Emits an audit and a usage event for every successful workspace call and for the failures worth keeping
 * (401, 403, 413, 429). Sending is asynchronous: auditing never delays or fails the call it records.
 */
@Component
public class AuditInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
    private static final String STARTED = AuditInterceptor.class.getName() + ".started";
    private static final Set<Integer> AUDITED_FAILURES = Set.of(401, 403, 413, 429);

    private final KafkaTemplate<String, byte[]> kafka;

    public AuditInterceptor(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(STARTED, System.nanoTime());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        int status = response.getStatus();
        if (!(status < 400 || AUDITED_FAILURES.contains(status))) {
            return;
        }
        Object started = request.getAttribute(STARTED);
        long latencyMs = started instanceof Long t ? (System.nanoTime() - t) / 1_000_000 : 0;
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = request.getMethod() + " " + (pattern == null ? "unmatched" : pattern);
        WorkspaceCaller caller = WorkspaceKeyInterceptor.caller(request);
        UUID workspace = caller == null ? null : caller.workspace().id();
        UUID keyId = caller == null ? null : caller.key().keyId();
        Instant now = Instant.now();
        String requestId = request.getHeader("X-Request-Id");
        RequestAudited audited = new RequestAudited(route, request.getMethod(), status, latencyMs,
                requestId, request.getRemoteAddr());
        MeteredUnits units = MeteredUnits.of(request);
        long bytesIn = Math.max(0, request.getContentLengthLong());
        long bytesOut = ResponseSizeFilter.bytesWritten(request);
        UsageRecorded usage = new UsageRecorded(1, bytesIn, bytesOut, units.memoriesWritten(), units.recalls(), status);
        send(Topic.AUDIT, EventEnvelope.wrap(UUID.randomUUID(), GatewayApplication.EVENT_SOURCE, now, workspace, keyId, null, audited));
        if (workspace != null) {
            send(Topic.USAGE, EventEnvelope.wrap(UUID.randomUUID(), GatewayApplication.EVENT_SOURCE, now, workspace, keyId, null, usage));
        }
    }

    private void send(Topic topic, EventEnvelope event) {
        String key = event.workspace() == null ? null : event.workspace().toString();
        try {
            kafka.send(topic.topicName(), key, EventCodec.encode(event)).whenComplete((result, error) -> {
                if (error != null) {
                    log.warn("audit event {} not written to {}: {}", event.id(), topic.topicName(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("audit event {} not written to {}: {}", event.id(), topic.topicName(), e.toString());
        }
    }
}
