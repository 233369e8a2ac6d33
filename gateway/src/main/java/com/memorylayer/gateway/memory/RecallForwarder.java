package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.api.SessionRecallHeader;
import com.memorylayer.web.error.ApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
 */
@Component
public class RecallForwarder {

    private final HttpClient http;
    private final String baseUrl;
    private final Duration readTimeout;

    RecallForwarder(QueryServiceProperties properties) {
        // Plain HTTP/1.1: the query service speaks nothing else, and the JDK client would otherwise offer an h2c
        // upgrade on every request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        this.baseUrl = properties.url();
        this.readTimeout = properties.readTimeout();
    }

    /**
     * A recall; {@code sessionWrites} says whether the caller may write, for only a writer's recall may list its query
     * in the named session's handoff and resume block (which agents load as prompt text).
     */
    CompletableFuture<ResponseEntity<byte[]>> recall(UUID workspaceId, byte[] body, boolean sessionWrites) {
        return forward(workspaceId, "/recall", body, sessionWrites);
    }

    /** One of the {@link RecallVariant}s, checked by the caller. */
    CompletableFuture<ResponseEntity<byte[]>> variant(UUID workspaceId, String variant, byte[] body) {
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/v1/workspaces/" + workspaceId + route))
                .timeout(readTimeout);
        if (sessionWrites) {
            builder.header(SessionRecallHeader.NAME, "true");
        }
        HttpRequest request = (body == null ? builder.GET()
                : builder.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).POST(HttpRequest.BodyPublishers.ofByteArray(body)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, cause instanceof HttpTimeoutException
                        ? "the query service did not answer in time; retry shortly" : "the query service is not answering; retry shortly");
            }
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.statusCode()).contentType(MediaType.APPLICATION_JSON);
            // "Not now" refusals (busy consistency waits) say when to come back.
            response.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(v -> answer.header(HttpHeaders.RETRY_AFTER, v));
            return answer.body(response.body());
        });
    }
}
