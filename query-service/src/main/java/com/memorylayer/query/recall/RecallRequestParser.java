package com.memorylayer.query.recall;

import com.memorylayer.query.error.QueryException;
import com.memorylayer.schemas.api.ErrorCode;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Checks a recall body field by field, naming the field that is wrong. */
@Component
class RecallRequestParser {

    private static final Set<String> FIELDS = Set.of("query", "limit", "consistency_token");

    private final RecallProperties properties;
    private final ObjectMapper mapper;

    RecallRequestParser(RecallProperties properties, ObjectMapper mapper) {
        this.properties = properties;
        this.mapper = mapper;
    }

    RecallRequest parse(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw new QueryException(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_JSON, "the request body is not valid JSON", Map.of());
        }
        if (tree == null || !tree.isObject()) {
            throw new QueryException(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_JSON, "the body must be a JSON object", Map.of());
        }
        for (String name : tree.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw QueryException.invalid(name, "unknown field '" + name + "'; known fields are " + FIELDS.stream().sorted().toList());
            }
        }
        JsonNode query = tree.get("query");
        if (query == null || query.isNull()) {
            throw QueryException.invalid("query", "'query' is required");
        }
        if (!query.isString()) {
            throw QueryException.invalid("query", "'query' must be a string");
        }
        if (query.asString().isBlank()) {
            throw QueryException.invalid("query", "'query' must not be empty");
        }
        if (query.asString().length() > properties.maxQueryChars()) {
            throw QueryException.invalid("query", "'query' is longer than " + properties.maxQueryChars() + " characters");
        }
        int limit = properties.defaultLimit();
        JsonNode limitNode = tree.get("limit");
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.isIntegralNumber() || limitNode.asLong() < 1 || limitNode.asLong() > properties.maxLimit()) {
                throw QueryException.invalid("limit", "'limit' must be an integer from 1 to " + properties.maxLimit());
            }
            limit = limitNode.asInt();
        }
        String token = null;
        JsonNode tokenNode = tree.get("consistency_token");
        if (tokenNode != null && !tokenNode.isNull()) {
            if (!tokenNode.isString()) {
                throw QueryException.invalid("consistency_token", "'consistency_token' must be a string");
            }
            token = tokenNode.asString();
        }
        return new RecallRequest(query.asString(), limit, token);
    }
}
