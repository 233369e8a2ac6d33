package com.memorylayer.web.filter;

import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.time.StorableTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the filter object a request names its memories with (recall's {@code filters}; listing and bulk changes
 * use the same language) into a {@link MemorySelection}. Every mistake is a {@code 400 invalid_request} whose
 * {@code details.field} names the offending key, e.g. {@code filters.status}. An absent or null object selects
 * everything; no default (such as recall's default statuses) is applied here.
 */
public class MemorySelectionParser {

    /** The field name recall's filter object has; the prefix of every field named in an error. */
    public static final String FILTERS = "filters";

    static final List<String> FIELDS = List.of("created_after", "created_before", "kind", "layer", "memory_type",
            "metadata", "pinned", "session_id", "status", "tags_all", "tags_any");

    private final ObjectMapper mapper;

    public MemorySelectionParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads a {@code filters} object. */
    public MemorySelection parse(JsonNode filters) {
        return parse(filters, FILTERS);
    }

    /**
     * @param node  the filter object, or null
     * @param field its name in the request, for error messages ({@code <field>.<key>})
     */
    public MemorySelection parse(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return MemorySelection.ALL;
        }
        if (!node.isObject()) {
            throw ApiException.invalidField(field, "'" + field + "' must be a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.invalidField(field + "." + name, "unknown filter '" + name + "'; known filters are " + FIELDS);
            }
        }
        Reader in = new Reader(node, field);
        return new MemorySelection(in.strings("tags_any"), in.strings("tags_all"), in.string("kind"),
                in.string("session_id"), metadata(node.get("metadata"), field + ".metadata"), in.time("created_after"),
                in.time("created_before"),
                in.values("status", "status", MemoryStatus::fromWire, MemoryStatus.values(), MemoryStatus::wire),
                in.values("layer", "layer", MemoryLayer::fromWire, MemoryLayer.values(), MemoryLayer::wire),
                in.values("memory_type", "memory type", MemoryType::fromWire, MemoryType.values(), MemoryType::wire),
                in.bool("pinned"));
    }

    private Map<String, Object> metadata(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.invalidField(field, "'" + field + "' must be a JSON object of key → value");
        }
        for (String key : node.propertyNames()) {
            JsonNode value = node.get(key);
            if (!(value.isString() || value.isNumber() || value.isBoolean())) {
                throw ApiException.invalidField(field, "'" + field + "." + key + "' must be a string, number or boolean to compare with");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.convertValue(node, Map.class);
        return map;
    }

    /** One filter object's fields, each read under its full name. */
    private record Reader(JsonNode filters, String prefix) {

        private JsonNode get(String key) {
            JsonNode node = filters.get(key);
            return node == null || node.isNull() ? null : node;
        }

        private String name(String key) {
            return prefix + "." + key;
        }

        List<String> strings(String key) {
            JsonNode node = get(key);
            if (node == null) {
                return List.of();
            }
            String field = name(key);
            if (!node.isArray()) {
                throw ApiException.invalidField(field, "'" + field + "' must be an array of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : node) {
                if (!value.isString()) {
                    throw ApiException.invalidField(field, "'" + field + "' must be an array of strings");
                }
                values.add(value.asString().trim());
            }
            return values;
        }

        String string(String key) {
            JsonNode node = get(key);
            if (node == null) {
                return null;
            }
            if (!node.isString()) {
                throw ApiException.invalidField(name(key), "'" + name(key) + "' must be a string");
            }
            return node.asString();
        }

        Boolean bool(String key) {
            JsonNode node = get(key);
            if (node == null) {
                return null;
            }
            if (!node.isBoolean()) {
                throw ApiException.invalidField(name(key), "'" + name(key) + "' must be true or false");
            }
            return node.asBoolean();
        }

        Instant time(String key) {
            String text = string(key);
            if (text == null) {
                return null;
            }
            try {
                return StorableTime.check(OffsetDateTime.parse(text).toInstant(), name(key));
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField(name(key),
                        "'" + name(key) + "' must be an ISO-8601 timestamp with an offset, e.g. 2026-11-25T10:15:30Z");
            }
        }

        /**
         * A value of a closed vocabulary, or a non-empty array of them. An empty array is refused rather than read
         * as "no restriction", which a client meaning "none of them" or "all of them" could not tell apart.
         */
        <E extends Enum<E>> Set<E> values(String key, String what, Function<String, Optional<E>> fromWire, E[] all,
                Function<E, String> wire) {
            JsonNode node = get(key);
            if (node == null) {
                return Set.of();
            }
            String field = name(key);
            List<String> allowed = Arrays.stream(all).map(wire).toList();
            List<JsonNode> given = new ArrayList<>();
            if (node.isString()) {
                given.add(node);
            } else if (node.isArray() && !node.isEmpty()) {
                node.forEach(given::add);
            } else {
                throw ApiException.invalidField(field, "'" + field + "' must be a " + what + " or a non-empty array of them, out of "
                        + allowed);
            }
            Set<E> values = new LinkedHashSet<>();
            for (JsonNode value : given) {
                if (!value.isString()) {
                    throw ApiException.invalidField(field, "'" + field + "' must hold strings, out of " + allowed);
                }
                values.add(fromWire.apply(value.asString()).orElseThrow(() -> ApiException.invalidField(field,
                        "'" + field + "' holds an unknown " + what + "; allowed values are " + allowed)));
            }
            return values;
        }
    }
}
