package com.memorylayer.gateway.reads;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.api.SessionRecallHeader;
import com.memorylayer.telemetry.trace.TraceHeaders;
import com.memorylayer.web.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Passes a recall (or another read the query service answers: a recall variant, a session's diary, handoff or
 * resume) to the query service and its answer — result or error, status and body — back unchanged.
 * The query service owns the recall contract and its validation; the gateway only adds who is asking. The call is
 * asynchronous: a recall waiting on the query service for its write (a consistency token) holds no request thread
 * here either.
 *
 * <p>With several query replicas, a workspace's reads go to the first of its {@link QueryReplicas#order replicas}; one
 * that cannot be reached (refused, reset, or its connection lost mid-answer, as when it is killed) is marked down
 * and the same call goes on to the next. A replica that answers, even with an error, answered: its answer is
 * passed on, and one that is too slow is not asked again elsewhere (the wait may be the caller's consistency wait,
 * and a second replica would wait as long).
 */
@Component
public class QueryForwarder {

    private final HttpClient http;
    private final QueryReplicas replicas;
    private final Duration readTimeout;
    private final TraceHeaders trace;

    public QueryForwarder(QueryServiceProperties properties, QueryReplicas replicas, TraceHeaders trace) {
        this.trace = trace;
        // Plain HTTP/1.1: the query service speaks nothing else, and the JDK client would otherwise offer an h2c
        // upgrade on every request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        this.replicas = replicas;
        this.readTimeout = properties.readTimeout();
    }

    /**
     * A recall; {@code sessionWrites} says whether the caller may write, for only a writer's recall may list its query
     * in the named session's handoff and resume block (which agents load as prompt text).
     */
    public CompletableFuture<ResponseEntity<byte[]>> recall(UUID workspaceId, byte[] body, boolean sessionWrites) {
        return forward(workspaceId, "/recall", body, sessionWrites);
    }

    /** One of the {@link RecallVariant}s, checked by the caller. */
    public CompletableFuture<ResponseEntity<byte[]>> variant(UUID workspaceId, String variant, byte[] body) {
        return forward(workspaceId, "/recall/" + variant, body);
    }

    /** A POST to the workspace's {@code route} (path segments already encoded). */
    public CompletableFuture<ResponseEntity<byte[]>> post(UUID workspaceId, String route, byte[] body) {
        return forward(workspaceId, route, body);
    }

    /** A GET of the workspace's {@code route} (path segments and query already encoded). */
    public CompletableFuture<ResponseEntity<byte[]>> get(UUID workspaceId, String route) {
        return forward(workspaceId, route, null);
    }

    private CompletableFuture<ResponseEntity<byte[]>> forward(UUID workspaceId, String route, byte[] body) {
        return forward(workspaceId, route, body, false);
    }

    private CompletableFuture<ResponseEntity<byte[]>> forward(UUID workspaceId, String route, byte[] body, boolean sessionWrites) {
        // The request's trace context, taken here on its thread: a retry on the next replica runs on the client's.
        return attempt(replicas.order(workspaceId), 0, "/internal/v1/workspaces/" + workspaceId + route, body, sessionWrites,
                trace.current());
    }

    private CompletableFuture<ResponseEntity<byte[]>> attempt(List<String> order, int index, String path, byte[] body,
            boolean sessionWrites, Map<String, String> traceContext) {
        String replica = order.get(index);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(replica + path)).timeout(readTimeout);
        traceContext.forEach(builder::header);
        if (sessionWrites) {
            builder.header(SessionRecallHeader.NAME, "true");
        }
        HttpRequest request = (body == null ? builder.GET()
                : builder.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).POST(HttpRequest.BodyPublishers.ofByteArray(body)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(answer(response));
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            boolean slow = cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException);
            if (slow) {
                return CompletableFuture.<ResponseEntity<byte[]>>failedFuture(new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE,
                        "the query service did not answer in time; retry shortly"));
            }
            replicas.failed(replica);
            if (index + 1 < order.size()) {
                return attempt(order, index + 1, path, body, sessionWrites, traceContext);
            }
            return CompletableFuture.<ResponseEntity<byte[]>>failedFuture(new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE,
                    "the query service is not answering; retry shortly"));
        }).thenCompose(next -> next);
    }

    /**
     * A GET of the workspace's {@code route} whose answer is streamed through rather than held (an export), on the
     * workspace's replicas in order like every read: one that cannot be reached is skipped for the next. Blocking:
     * for callers that write the stream out on their own thread.
     */
    public HttpResponse<InputStream> stream(UUID workspaceId, String route) {
        String path = "/internal/v1/workspaces/" + workspaceId + route;
        Map<String, String> traceContext = trace.current();
        for (String replica : replicas.order(workspaceId)) {
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(replica + path)).timeout(readTimeout).GET();
                traceContext.forEach(builder::header);
                return http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                if (!(e instanceof HttpConnectTimeoutException)) {
                    throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the query service did not answer in time; retry shortly");
                }
                replicas.failed(replica);
            } catch (IOException e) {
                replicas.failed(replica);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the read was interrupted; retry shortly");
            }
        }
        throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the query service is not answering; retry shortly");
    }

    private static ResponseEntity<byte[]> answer(HttpResponse<byte[]> response) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.statusCode()).contentType(MediaType.APPLICATION_JSON);
        // "Not now" refusals (busy consistency waits) say when to come back.
        response.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(v -> answer.header(HttpHeaders.RETRY_AFTER, v));
        return answer.body(response.body());
    }
}
