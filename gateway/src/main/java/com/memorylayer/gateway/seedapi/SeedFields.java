package com.memorylayer.gateway.seedapi;

import tools.jackson.databind.JsonNode;

/** Reading one field of a seed-shaped body, refusing what the seed's models refused (422). */
final class SeedFields {

    private SeedFields() {
    }

    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new SeedRequestInvalid("body", "the body must be a JSON object");
        }
        return body;
    }

    /** A string of at most {@code max} characters; null when absent and not {@code required}. */
    static String text(JsonNode body, String field, int max, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new SeedRequestInvalid(field, field + " is required");
            }
            return null;
        }
        if (!node.isString()) {
            throw new SeedRequestInvalid(field, field + " must be a string");
        }
        String value = node.asString();
        if (required && value.isBlank()) {
            throw new SeedRequestInvalid(field, field + " is required");
        }
        if (value.length() > max) {
            throw new SeedRequestInvalid(field, field + " must be at most " + max + " characters");
        }
        return value;
    }

    static int integer(JsonNode body, String field, int min, int max, int fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw new SeedRequestInvalid(field, field + " must be an integer from " + min + " to " + max);
        }
        return node.asInt();
    }
}
