package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.time.StorableTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The fields of a memory as writes carry them, each checked the same way wherever it comes (remember, edit, batch):
 * on the JSON tree rather than by binding, because binding would silently coerce {@code "content": 5} into a string
 * and could not name the offending field. Every check names its field in {@code details.field}; an absent or null
 * field is {@code null} here.
 */
@Component
public class MemoryFields {

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");

    private final MemoryProperties limits;
    private final ObjectMapper mapper;

    public MemoryFields(MemoryProperties limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    /** The body as an object with only these fields, none holding a NUL (which Postgres would refuse later). */
    public JsonNode object(JsonNode body, Set<String> fields) {
        if (body == null || !body.isObject()) {
            throw new ApiException(com.memorylayer.schemas.api.ErrorCode.INVALID_JSON, "the body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!fields.contains(name)) {
                throw ApiException.invalidField(name, "unknown field '" + name + "'; known fields are " + fields.stream().sorted().toList());
            }
            if (containsNul(body.get(name))) {
                throw ApiException.invalidField(name, "'" + name + "' must not contain the NUL character (U+0000)");
            }
        }
        return body;
    }

    public String content(JsonNode node, boolean required) {
        if (absent(node)) {
            if (required) {
                throw ApiException.invalidField("content", "'content' is required");
            }
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidField("content", "'content' must be a string");
        }
        String content = node.asString();
        if (content.isBlank()) {
            throw ApiException.invalidField("content", "'content' must not be empty");
        }
        if (content.length() > limits.maxContentChars()) {
            throw ApiException.invalidField("content", "'content' is longer than " + limits.maxContentChars() + " characters");
        }
        return content;
    }

    public String kind(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString() || !KIND.matcher(node.asString()).matches()) {
            throw ApiException.invalidField("kind", "'kind' must be a string of 1-40 characters of a-z, 0-9, '_', '.', '-'");
        }
        return node.asString();
    }

    public List<String> tags(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.invalidField(field, "'" + field + "' must be an array of strings");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : node) {
            if (!tag.isString() || tag.asString().isBlank()) {
                throw ApiException.invalidField(field, "every tag must be a non-empty string");
            }
            String value = tag.asString().trim();
            if (value.length() > limits.maxTagChars()) {
                throw ApiException.invalidField(field, "a tag is longer than " + limits.maxTagChars() + " characters");
            }
            tags.add(value);
        }
        if (tags.size() > limits.maxTags()) {
            throw ApiException.invalidField(field, "at most " + limits.maxTags() + " tags");
        }
        return new ArrayList<>(tags);
    }

    public Map<String, Object> metadata(JsonNode node) {
        if (absent(node)) {
            return null;
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

    public String sessionId(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString() || AgentSessions.problem(node.asString()).isPresent()) {
            throw ApiException.invalidField("session_id", "'session_id' must be a non-empty string of at most "
                    + AgentSessions.MAX_ID_CHARS + " characters");
        }
        return node.asString();
    }

    public Double importance(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber() || !(node.asDouble() >= 0 && node.asDouble() <= 1)) {
            throw ApiException.invalidField("importance", "'importance' must be a number from 0 to 1");
        }
        return node.asDouble();
    }

    public Instant time(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidField(field, "'" + field + "' must be an ISO-8601 timestamp string");
        }
        try {
            return StorableTime.check(OffsetDateTime.parse(node.asString()).toInstant(), field);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "'" + field + "' must be an ISO-8601 timestamp with an offset, e.g. 2026-11-25T10:15:30Z");
        }
    }

    public MemoryLayer layer(JsonNode node) {
        return absent(node) ? null : MemoryLayer.fromWire(node.isString() ? node.asString() : "").orElseThrow(() ->
                ApiException.invalidField("layer", "'layer' must be one of " + Arrays.stream(MemoryLayer.values()).map(MemoryLayer::wire).toList()));
    }

    public MemoryType memoryType(JsonNode node) {
        return absent(node) ? null : MemoryType.fromWire(node.isString() ? node.asString() : "").orElseThrow(() ->
                ApiException.invalidField("memory_type", "'memory_type' must be one of " + Arrays.stream(MemoryType.values()).map(MemoryType::wire).toList()));
    }

    public MemoryStatus status(JsonNode node, String field) {
        return absent(node) ? null : MemoryStatus.fromWire(node.isString() ? node.asString() : "").orElseThrow(() ->
                ApiException.invalidField(field, "'" + field + "' must be one of " + Arrays.stream(MemoryStatus.values()).map(MemoryStatus::wire).toList()));
    }

    public Boolean bool(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiException.invalidField(field, "'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    public UUID uuid(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        try {
            return UUID.fromString(node.isString() ? node.asString() : "");
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "'" + field + "' must be an id (a UUID)");
        }
    }

    /** A short free text such as a reason or a note. */
    public String text(JsonNode node, String field, int maxChars, boolean required) {
        if (absent(node)) {
            if (required) {
                throw ApiException.invalidField(field, "'" + field + "' is required");
            }
            return null;
        }
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > maxChars) {
            throw ApiException.invalidField(field, "'" + field + "' must be a non-empty string of at most " + maxChars + " characters");
        }
        return node.asString();
    }

    public Integer integer(JsonNode node, String field, int min, int max) {
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw ApiException.invalidField(field, "'" + field + "' must be an integer from " + min + " to " + max);
        }
        return node.asInt();
    }

    public Double number(JsonNode node, String field, double minExclusive, double max) {
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber() || !(node.asDouble() > minExclusive && node.asDouble() <= max)) {
            throw ApiException.invalidField(field, "'" + field + "' must be a number above " + minExclusive + " and at most " + max);
        }
        return node.asDouble();
    }

    public static boolean absent(JsonNode node) {
        return node == null || node.isNull();
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
        for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
            if (containsNul(element)) {
                return true;
            }
        }
        return false;
    }
}
