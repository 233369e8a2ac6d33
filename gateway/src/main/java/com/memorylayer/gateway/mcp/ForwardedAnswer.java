package com.memorylayer.gateway.mcp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A read the query service answered, as a tool's result: its JSON on success, its error as a {@link ToolRefusal}. */
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
