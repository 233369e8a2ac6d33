package com.memorylayer.query.filter;

import com.memorylayer.web.error.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads the {@code filters} object of a recall, naming the offending field when it is wrong. */
@Component
public class RecallFiltersParser {

    private static final Set<String> FIELDS = Set.of("tags_any", "tags_all", "kind", "session_id", "metadata",
            "created_after", "created_before");

    private final ObjectMapper mapper;

    public RecallFiltersParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public RecallFilters parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return RecallFilters.NONE;
        }
        if (!node.isObject()) {
            throw ApiException.invalidField("filters", "'filters' must be a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.invalidField("filters." + name, "unknown filter '" + name + "'; known filters are "
                        + FIELDS.stream().sorted().toList());
            }
        }
        return new RecallFilters(strings(node, "tags_any"), strings(node, "tags_all"), string(node, "kind"),
                string(node, "session_id"), metadata(node.get("metadata")), time(node, "created_after"),
                time(node, "created_before"));
    }

    private static List<String> strings(JsonNode filters, String field) {
        JsonNode node = filters.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalidField("filters." + field, "'filters." + field + "' must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isString()) {
                throw ApiException.invalidField("filters." + field, "'filters." + field + "' must be an array of strings");
            }
            values.add(value.asString().trim());
        }
        return values;
    }

    private static String string(JsonNode filters, String field) {
        JsonNode node = filters.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidField("filters." + field, "'filters." + field + "' must be a string");
        }
        return node.asString();
    }

    private Map<String, Object> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.invalidField("filters.metadata", "'filters.metadata' must be a JSON object of key → value");
        }
        for (String key : node.propertyNames()) {
            JsonNode value = node.get(key);
            if (!(value.isString() || value.isNumber() || value.isBoolean())) {
                throw ApiException.invalidField("filters.metadata",
                        "'filters.metadata." + key + "' must be a string, number or boolean to compare with");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.convertValue(node, Map.class);
        return map;
    }

    private static Instant time(JsonNode filters, String field) {
        String text = string(filters, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("filters." + field,
                    "'filters." + field + "' must be an ISO-8601 timestamp with an offset, e.g. 2026-11-25T10:15:30Z");
        }
    }
}
