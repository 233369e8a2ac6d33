package com.memorylayer.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One set of Kubernetes manifests as JSON trees: the base's own files (read as they are, so they are checked on a
 * machine without kubectl) or an overlay rendered by {@code kubectl kustomize}.
 *
 * @param name what the set is, for messages: {@code base} or {@code overlays/dev}
 * @param documents every object, in file order
 * @param rendered whether kustomize made it (namespace, labels, patches and generated ConfigMaps applied)
 */
record Manifests(String name, List<ObjectNode> documents, boolean rendered) {

    static final Path K8S = Path.of("..", "infra", "k8s");
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** kubectl kustomize renders three small trees in well under a second; this only bounds a hung binary. */
    private static final long RENDER_TIMEOUT_SECONDS = 60;

    /** The base: every file its kustomization.yaml lists under {@code resources}. */
    static Manifests base() {
        Path base = K8S.resolve("base");
        JsonNode kustomization = read(base.resolve("kustomization.yaml")).getFirst();
        List<ObjectNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            documents.addAll(read(base.resolve(resource.asString())));
        }
        return new Manifests("base", documents, false);
    }

    /** An overlay rendered with {@code kubectl kustomize}; empty when kubectl is not on this machine. */
    static Optional<Manifests> rendered(String overlay) {
        if (!Kubectl.available()) {
            return Optional.empty();
        }
        String yaml = Kubectl.kustomize(K8S.resolve(overlay), RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return Optional.of(new Manifests(overlay, parse(yaml), true));
    }

    static List<ObjectNode> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a multi-document YAML text (a file may open with a comment-only document). */
    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode document = it.nextValue();
                if (document instanceof ObjectNode object && !object.isEmpty()) {
                    documents.add(object);
                }
            }
        }
        return documents;
    }

    Stream<ObjectNode> ofKind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asString("").equals(kind));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(d -> d.path("metadata").path("name").asString("").equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return name;
    }
}
