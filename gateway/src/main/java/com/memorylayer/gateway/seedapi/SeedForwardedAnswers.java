package com.memorylayer.gateway.seedapi;

import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our routes that forward to the query service answer its bytes as they came; an alias reads them, reshapes a
 * success, and gives a refusal the seed's {@code detail} beside our {@code code} and {@code message}, its status kept.
 */
@Component
class SeedForwardedAnswers {

    private final ObjectMapper mapper;

    SeedForwardedAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ResponseEntity<Object> map(ResponseEntity<byte[]> answer, Function<JsonNode, Object> success) {
        JsonNode body = answer.getBody() == null || answer.getBody().length == 0 ? mapper.createObjectNode()
                : mapper.readTree(answer.getBody());
        if (answer.getStatusCode().is2xxSuccessful()) {
            return ResponseEntity.ok(success.apply(body));
        }
        if (body instanceof ObjectNode error && error.hasNonNull("message")) {
            error.put("detail", error.get("message").asString());
        }
        return ResponseEntity.status(answer.getStatusCode()).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
