package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks a remember body field by field and says exactly which field is wrong and why. It works on the JSON tree
 * rather than binding to a class, because binding would silently coerce {@code "content": 5} into a string and
 * could not name the offending field in a stable way.
 */
@Component
class RememberRequestParser {

    private static final Set<String> FIELDS = Set.of("content", "kind", "tags", "metadata", "session_id", "importance",
            "created_at");
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");

    private final MemoryProperties limits;
    private final ObjectMapper mapper;

    RememberRequestParser(MemoryProperties limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    RememberRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.invalidField(name, "unknown field '" + name + "'; known fields are " + FIELDS.stream().sorted().toList());
            }
            // Postgres text and jsonb refuse U+0000: accepting it would answer 202 for a write that can never apply.
            if (containsNul(body.get(name))) {
                throw ApiException.invalidField(name, "'" + name + "' must not contain the NUL character (U+0000)");
            }
        }
        JsonNode contentNode = body.get("content");
        if (contentNode == null || contentNode.isNull()) {
            throw ApiException.invalidField("content", "'content' is required");
        }
        if (!contentNode.isString()) {
            throw ApiException.invalidField("content", "'content' must be a string");
        }
        String content = contentNode.asString();
        if (content.isBlank()) {
            throw ApiException.invalidField("content", "'content' must not be empty");
        }
        if (content.length() > limits.maxContentChars()) {
            throw ApiException.invalidField("content", "'content' is longer than " + limits.maxContentChars() + " characters");
        }
        return new RememberRequest(content, kind(body.get("kind")), tags(body.get("tags")), metadata(body.get("metadata")),
                sessionId(body.get("session_id")), importance(body.get("importance")), createdAt(body.get("created_at")));
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isString()) {
            return node.asString().indexOf('\u0000') >= 0;
        }
        for (String name : node.propertyNames()) {
            if (name.indexOf('\u0000') >= 0 || containsNul(node.get(name))) {
                return true;
            }
        }
        for (JsonNode element : node.isArray() ? node : java.util.List.<JsonNode>of()) {
            if (containsNul(element)) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode node) {
        if (absent(node)) {
            return "note";
        }
        if (!node.isString() || !KIND.matcher(node.asString()).matches()) {
            throw ApiException.invalidField("kind", "'kind' must be a string of 1-40 characters of a-z, 0-9, '_', '.', '-'");
        }
        return node.asString();
    }

    private List<String> tags(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalidField("tags", "'tags' must be an array of strings");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : node) {
            if (!tag.isString() || tag.asString().isBlank()) {
                throw ApiException.invalidField("tags", "every tag must be a non-empty string");
            }
            String value = tag.asString().trim();
            if (value.length() > limits.maxTagChars()) {
                throw ApiException.invalidField("tags", "a tag is longer than " + limits.maxTagChars() + " characters");
            }
            tags.add(value);
        }
        if (tags.size() > limits.maxTags()) {
            throw ApiException.invalidField("tags", "at most " + limits.maxTags() + " tags");
        }
        return new ArrayList<>(tags);
    }

    private Map<String, Object> metadata(JsonNode node) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.invalidField("metadata", "'metadata' must be a JSON object");
        }
        if (mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length > limits.maxMetadataBytes()) {
            throw ApiException.invalidField("metadata", "'metadata' is larger than " + limits.maxMetadataBytes() + " bytes");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.convertValue(node, Map.class);
        return map;
    }

    private static String sessionId(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > 200) {
            throw ApiException.invalidField("session_id", "'session_id' must be a non-empty string of at most 200 characters");
        }
        return node.asString();
    }

    private static Double importance(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw ApiException.invalidField("importance", "'importance' must be a number from 0 to 1");
        }
        return node.asDouble();
    }

    private static Instant createdAt(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidField("created_at", "'created_at' must be an ISO-8601 timestamp string");
        }
        try {
            return OffsetDateTime.parse(node.asString()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("created_at", "'created_at' must be an ISO-8601 timestamp with an offset, e.g. 2026-11-25T10:15:30Z");
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

}
