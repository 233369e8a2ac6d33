package com.memorylayer.gateway.reads;


import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateway's typed way to a workspace's read side, for callers that need the answer as a record rather than pass
 * it on (dashboard pages, MCP tools that combine answers, checks a write makes before it goes to the log). The
 * query service owns every workspace table; this class only asks it, through the same routing as a recall
 * ({@link QueryForwarder}). A refusal from the query service becomes the same {@link ApiException} here, with the
 * code, message and details it answered, so a caller sees one error whichever side found it.
 */
@Component
public class QueryReads {

    private final QueryForwarder forwarder;
    private final ObjectMapper mapper;

    QueryReads(QueryForwarder forwarder, ObjectMapper mapper) {
        this.forwarder = forwarder;
        this.mapper = mapper;
    }

    /** A GET of the workspace's {@code route} (segments and query encoded by the caller), read as {@code type}. */
    public <T> T get(UUID workspaceId, String route, Class<T> type) {
        return read(forwarder.get(workspaceId, route), type);
    }

    /** A POST of {@code request} (written as JSON) to the workspace's {@code route}, its answer read as {@code type}. */
    public <T> T post(UUID workspaceId, String route, Object request, Class<T> type) {
        return read(forwarder.post(workspaceId, route, mapper.writeValueAsBytes(request)), type);
    }

    /** The same GET, not waited for: for MCP tools and controllers that answer asynchronously. */
    public <T> CompletableFuture<T> getLater(UUID workspaceId, String route, Class<T> type) {
        return forwarder.get(workspaceId, route).thenApply(answer -> body(answer, type));
    }

    private <T> T read(CompletableFuture<ResponseEntity<byte[]>> call, Class<T> type) {
        try {
            return body(call.get(), type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the read was interrupted; retry shortly");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private <T> T body(ResponseEntity<byte[]> answer, Class<T> type) {
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody();
        if (answer.getStatusCode().is2xxSuccessful()) {
            return mapper.readValue(body, type);
        }
        ApiException refusal = refusal(answer.getStatusCode().value(), body);
        // "Not now" refusals (reads_busy, consistency_waits_busy) keep saying when to come back.
        String retryAfter = answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null && retryAfter.matches("\\d{1,6}")) {
            refusal.retryAfter(Long.parseLong(retryAfter));
        }
        throw refusal;
    }

    /**
     * The query service's error answer as the exception it came from; a 503 ("not now") says to come back in a
     * second unless the answer said when.
     */
    public ApiException refusal(int status, byte[] body) {
        JsonNode error;
        try {
            error = mapper.readTree(body);
        } catch (RuntimeException notJson) {
            error = null;
        }
        String wire = error == null ? null : error.path("code").asString(null);
        ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.wire().equals(wire)).findFirst()
                .orElse(ErrorCode.QUERY_SERVICE_UNAVAILABLE);
        String message = error == null ? "the query service answered " + status : error.path("message").asString("the query service answered " + status);
        Map<String, Object> details = new LinkedHashMap<>();
        if (error != null && error.path("details").isObject()) {
            details.putAll(mapper.convertValue(error.path("details"), Map.class));
        }
        ApiException refused = new ApiException(code, message, details);
        return status == 503 ? refused.retryAfter(1) : refused;
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RuntimeException runtime ? runtime
                : new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the query service is not answering; retry shortly");
    }
}
