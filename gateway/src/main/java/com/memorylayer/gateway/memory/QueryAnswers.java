package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The query service's answers to the memory package's reads, as records: a GET or POST through
 * {@link RecallForwarder}, waited for, its body read as the type asked for, a refusal as the same
 * {@link ApiException} the query service threw (code, message, details). The memory package's own way to what
 * {@code reads.QueryReads} does for the other packages: that class builds on {@link RecallForwarder}, so the memory
 * package using it would make the packages import each other.
 */
@Component
public class QueryAnswers {

    private final RecallForwarder forwarder;
    private final ObjectMapper mapper;

    QueryAnswers(RecallForwarder forwarder, ObjectMapper mapper) {
        this.forwarder = forwarder;
        this.mapper = mapper;
    }

    /** A GET of the workspace's {@code route} (segments and query encoded by the caller), read as {@code type}. */
    <T> T get(UUID workspaceId, String route, Class<T> type) {
        return read(() -> forwarder.get(workspaceId, route).get(), type);
    }

    /** A POST of {@code request} (written as JSON) to the workspace's {@code route}, its answer read as {@code type}. */
    <T> T post(UUID workspaceId, String route, Object request, Class<T> type) {
        return read(() -> forwarder.post(workspaceId, route, mapper.writeValueAsBytes(request)).get(), type);
    }

    private interface Call {
        org.springframework.http.ResponseEntity<byte[]> answer() throws InterruptedException, ExecutionException;
    }

    private <T> T read(Call call, Class<T> type) {
        org.springframework.http.ResponseEntity<byte[]> answer;
        try {
            answer = call.answer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the read was interrupted; retry shortly");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                    : new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the query service is not answering; retry shortly");
        }
        byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody();
        if (answer.getStatusCode().is2xxSuccessful()) {
            return mapper.readValue(body, type);
        }
        throw refusal(answer.getStatusCode().value(), body);
    }

    /** The query service's error answer as the exception it came from; a "not now" one says when to come back. */
    public ApiException refusal(int status, byte[] body) {
        JsonNode error;
        try {
            error = mapper.readTree(body);
        } catch (RuntimeException notJson) {
            return new ApiException(ErrorCode.QUERY_SERVICE_UNAVAILABLE, "the query service answered " + status);
        }
        String wire = error.path("code").asString("");
        ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.wire().equals(wire)).findFirst()
                .orElse(ErrorCode.QUERY_SERVICE_UNAVAILABLE);
        Map<String, Object> details = new LinkedHashMap<>();
        if (error.path("details").isObject()) {
            details.putAll(mapper.convertValue(error.path("details"), Map.class));
        }
        ApiException refused = new ApiException(code, error.path("message").asString("the query service answered " + status), details);
        return status == 503 ? refused.retryAfter(1) : refused;
    }
}
