package com.memorylayer.gateway.seedapi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's tool discovery listed each argument as a type hint ({@code "query": "string"}), not a schema: the hints
 * are read off the input schema's properties, "optional" added where the schema does not require it.
 */
final class SeedToolHints {

    private SeedToolHints() {
    }

    static Map<String, String> of(Object inputSchema) {
        Map<String, String> hints = new LinkedHashMap<>();
        if (!(inputSchema instanceof Map<?, ?> schema) || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return hints;
        }
        java.util.Collection<?> required = schema.get("required") instanceof java.util.Collection<?> names ? names : java.util.List.of();
        properties.forEach((name, property) -> {
            Object type = property instanceof Map<?, ?> p && p.get("type") != null ? p.get("type") : "any";
            hints.put(String.valueOf(name), type + (required.contains(name) ? "" : ", optional"));
        });
        return hints;
    }
}
