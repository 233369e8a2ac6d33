package com.memorylayer.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for tools' JSON Schemas, so each tool states its parameters in a line each. */
public final class ToolSchemas {

    private ToolSchemas() {
    }

    /** An object of these properties, the {@code required} ones named, nothing else allowed. */
    public static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    public static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    public static Map<String, Object> integer(String description, int minimum, int maximum, int fallback) {
        return Map.of("type", "integer", "description", description, "minimum", minimum, "maximum", maximum, "default", fallback);
    }

    /** An integer with no default: leaving it out means something of its own (e.g. no version check). */
    public static Map<String, Object> integer(String description, int minimum, int maximum) {
        return Map.of("type", "integer", "description", description, "minimum", minimum, "maximum", maximum);
    }

    /** One of these values; the validator's refusal names the field and the allowed values, never the value sent. */
    public static Map<String, Object> oneOf(String description, List<String> values) {
        return Map.of("type", "string", "description", description, "enum", values);
    }

    /** The memory layers, as the API spells them. */
    public static Map<String, Object> layer(String description) {
        return oneOf(description, java.util.Arrays.stream(com.memorylayer.schemas.memory.MemoryLayer.values())
                .map(com.memorylayer.schemas.memory.MemoryLayer::wire).toList());
    }

    /** The memory types, as the API spells them. */
    public static Map<String, Object> memoryType(String description) {
        return oneOf(description, java.util.Arrays.stream(com.memorylayer.schemas.memory.MemoryType.values())
                .map(com.memorylayer.schemas.memory.MemoryType::wire).toList());
    }

    public static Map<String, Object> number(String description) {
        return Map.of("type", "number", "description", description);
    }

    public static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    public static Map<String, Object> strings(String description) {
        return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
    }

    public static Map<String, Object> anyObject(String description) {
        return Map.of("type", "object", "description", description);
    }

    /** A result's shape: these properties, the {@code required} ones always there; more may come as the API grows. */
    public static Map<String, Object> output(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        return schema;
    }

    public static Map<String, Object> array(String description) {
        return Map.of("type", "array", "description", description);
    }

    /** What a write answers once the worker applied it (or, past the wait, once the log took it). */
    public static Map<String, Object> commandAnswer() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", string("The memory the command was about, when it was about one"));
        properties.put("command_id", string("GET /commands/{id} says what it came to"));
        properties.put("consistency_token", string("Pass it to a recall to read this write"));
        properties.put("status", Map.of("type", "string", "enum", List.of("accepted", "applied")));
        properties.put("outcome", string("What the worker did: stored, merged, updated, ..."));
        properties.put("result", Map.of("description", "The command's own answer, when it has one"));
        return output(properties, "command_id", "consistency_token", "status");
    }
}
