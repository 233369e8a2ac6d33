package com.memorylayer.gateway.mcp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A read the query service answered, as a tool's result: its JSON on success, its error as a {@link ToolRefusal}.
 * {@link #later} does not wait: the MCP endpoint hands its request thread back while the query service works, as
 * REST recall does, and answers when the read does. The wait is bounded by the forwarder's read timeout
 * ({@code memorylayer.query.read-timeout}), and the MCP calls waiting at once by {@link McpProperties}. {@link #of}
 * waits on the calling thread, for a tool that needs the answer before it goes on (a read between its writes).
 */
public final class ForwardedAnswer {

    private ForwardedAnswer() {
    }

    /** The answer once the query service gave it; a refusal is the future's failure ({@link ToolRefusal}). */
    public static CompletableFuture<Map<String, Object>> later(CompletableFuture<ResponseEntity<byte[]>> answer,
            ObjectMapper mapper) {
        return answer.thenApply(response -> result(response, mapper));
    }

    /** The answer, waited for on this thread. */
    public static Map<String, Object> of(CompletableFuture<ResponseEntity<byte[]>> answer, ObjectMapper mapper) {
        ResponseEntity<byte[]> response;
        try {
            response = answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return result(response, mapper);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(ResponseEntity<byte[]> response, ObjectMapper mapper) {
        JsonNode body = mapper.readTree(response.getBody() == null ? new byte[0] : response.getBody());
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new ToolRefusal(body.path("code").asString("query_service_error"),
                    body.path("message").asString("the query service refused the call (" + response.getStatusCode().value() + ")"),
                    response.getStatusCode().value());
        }
        return mapper.convertValue(body, Map.class);
    }
}
