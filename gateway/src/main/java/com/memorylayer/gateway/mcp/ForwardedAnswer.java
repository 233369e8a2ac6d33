package com.memorylayer.gateway.mcp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A read the query service answered, as a tool's result: its JSON on success, its error as a {@link ToolRefusal}.
 * It waits on the request thread: the MCP SDK's servlet transport answers a message synchronously (its doPost blocks
 * on the server's answer), so a tool cannot hand its thread back while the query service works. The wait is bounded
 * by the forwarder's read timeout ({@code memorylayer.query.read-timeout}), and the MCP calls waiting at once by
 * {@link McpProperties}.
 */
public final class ForwardedAnswer {

    private ForwardedAnswer() {
    }

    @SuppressWarnings("unchecked")
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
        JsonNode body = mapper.readTree(response.getBody() == null ? new byte[0] : response.getBody());
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new ToolRefusal(body.path("code").asString("query_service_error"),
                    body.path("message").asString("the query service refused the call (" + response.getStatusCode().value() + ")"),
                    response.getStatusCode().value());
        }
        return mapper.convertValue(body, Map.class);
    }
}
