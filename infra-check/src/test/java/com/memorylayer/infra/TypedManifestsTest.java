package com.memorylayer.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every manifest is a Kubernetes object the fabric8 model knows by type (a Deployment, a Service, ...), with no
 * field the type does not have: fabric8 keeps unknown fields aside rather than failing, so they are looked for.
 * The custom resources (Strimzi, CloudNativePG, prometheus-operator) have no fabric8 type here; their CRDs check
 * them ({@link CustomResourceSchemaTest}).
 */
class TypedManifestsTest {

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
    private static final CrdSchemas CRDS = CrdSchemas.vendored();

    static List<String> sets() {
        return ManifestSets.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyBuiltInManifestParsesIntoItsTypedObjectWithNoUnknownField(String set) {
        Manifests manifests = ManifestSets.load(set);
        assertThat(manifests.documents()).isNotEmpty();
        for (ObjectNode document : manifests.documents()) {
            String what = set + ": " + document.path("kind").asString() + " " + document.path("metadata").path("name").asString();
            Object parsed = FABRIC8.unmarshal(document.toString());
            assertThat(parsed).as(what).isInstanceOf(HasMetadata.class);
            if (CRDS.knowsGroup(document.path("apiVersion").asString())) {
                continue;
            }
            assertThat(parsed).as(what + " is a type fabric8 knows, not a custom resource").isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(unknownFields(parsed)).as(what + ": fields its type does not have").isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void aMisspeltFieldIsFound() {
        String deployment = """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"},
                 "spec": {"template": {"spec": {"containers": [{"name": "x", "image": "x", "readinesProbe": {}}]}}}}""";

        assertThat(unknownFields(FABRIC8.unmarshal(deployment))).singleElement().asString().endsWith(".readinesProbe");
    }

    /** The paths of every field fabric8 kept aside as unknown, anywhere in the object. */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> found.add(path + "." + key));
                }
                continue;
            }
            walk(field, path + "." + getter.getName().replaceFirst("^(get|is)", ""), found, seen);
        }
    }
}
