package com.memorylayer.infra;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published OpenAPI v3 schemas of the custom resources infra/k8s uses, from the CRDs vendored under
 * {@code src/test/resources/crds/} (each file named with its operator and version; that folder's README says where
 * each came from), keyed by {@code apiVersion} and {@code kind}.
 *
 * <p>The API server prunes fields a structural schema does not name, and {@code kubectl apply} (server-side field
 * validation, Strict by default) refuses them. A JSON Schema validator would let them pass, since the schemas leave
 * {@code additionalProperties} unsaid; so every object schema that names its properties, and neither allows others
 * nor preserves unknown fields ({@code x-kubernetes-preserve-unknown-fields}), is closed here: a misspelt field fails
 * as it would on a cluster.
 */
final class CrdSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private final Map<String, Schema> schemas = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    private CrdSchemas() {
    }

    static CrdSchemas vendored() {
        CrdSchemas crds = new CrdSchemas();
        try (Stream<Path> files = Files.list(Path.of(CrdSchemas.class.getResource("/crds").toURI()))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(crds::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return crds;
    }

    private void add(Path file) {
        for (ObjectNode crd : Manifests.read(file)) {
            String group = crd.path("spec").path("group").asString();
            String kind = crd.path("spec").path("names").path("kind").asString();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (!version.path("served").asBoolean()) {
                    continue;
                }
                JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                close(schema);
                String key = key(group + "/" + version.path("name").asString(), kind);
                schemas.put(key, REGISTRY.getSchema(schema));
                sources.put(key, file.getFileName().toString());
            }
        }
    }

    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        boolean namesProperties = object.has("properties");
        boolean preservesUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (namesProperties && !object.has("additionalProperties") && !preservesUnknown) {
            object.put("additionalProperties", false);
        }
        // Down every keyword: "properties" (a schema per field name), "items", "anyOf" and the rest.
        for (JsonNode child : object) {
            if (child.isObject()) {
                close(child);
            } else if (child.isArray()) {
                child.forEach(CrdSchemas::close);
            }
        }
    }

    /** Whether a CRD is vendored for this apiVersion's group (every custom resource must have one). */
    boolean knowsGroup(String apiVersion) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return schemas.keySet().stream().anyMatch(k -> k.startsWith(group + "/"));
    }

    /** The object's problems against its CRD; empty when it is valid. Absent when no CRD serves its apiVersion and kind. */
    Optional<List<String>> problems(JsonNode object) {
        Schema schema = schemas.get(key(object.path("apiVersion").asString(), object.path("kind").asString()));
        if (schema == null) {
            return Optional.empty();
        }
        return Optional.of(schema.validate(object).stream().map(Error::toString).toList());
    }

    String source(JsonNode object) {
        return sources.get(key(object.path("apiVersion").asString(), object.path("kind").asString()));
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
