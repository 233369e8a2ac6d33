package com.memorylayer.schemas.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checked-in JSON Schemas ({@code event-schemas/<type>.v<version>.json}), applied to event bytes as a
 * consumer outside this codebase would read them. Formats (uuid, date-time) are asserted, not just annotated.
 */
public final class EventSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema's file name for an event type and version. */
    public static String fileName(String type, int version) {
        return type + ".v" + version + ".json";
    }

    /** Whether a schema is checked in for this type and version. */
    public static boolean exists(String type, int version) {
        return EventSchemas.class.getResource("/event-schemas/" + fileName(type, version)) != null;
    }

    /**
     * The problems with one event's bytes; empty when they match the schema named by their own {@code type} and
     * {@code version}.
     */
    public static List<String> problems(byte[] eventJson) {
        JsonNode event = JSON.readTree(eventJson);
        String type = event.path("type").asString("");
        int version = event.path("version").asInt(-1);
        if (!exists(type, version)) {
            return List.of("no schema for type '" + type + "' version " + version);
        }
        Schema schema = SCHEMAS.computeIfAbsent(fileName(type, version), EventSchemas::load);
        return schema.validate(event).stream().map(Error::toString).toList();
    }

    private static Schema load(String fileName) {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/event-schemas/" + fileName)) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
